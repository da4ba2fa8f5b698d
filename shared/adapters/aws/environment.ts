/**
 * Every adapter a function can build from its environment, in one place for the tests and the
 * IAM reference's recorder (test/support/aws-call-recorder.ts). A handler does not import this
 * module: it imports the factories it uses (stores/*, *-environment.ts), so that its bundle
 * holds, and its cold start loads, only those (issue 18).
 */
export { inboundFailuresFromEnvironment } from './dead-letter-environment';
export { hoursFromEnvironment } from './hours-environment';
export { emailSenderFromEnvironment, noticePaceFromEnvironment, noticeQueuesFromEnvironment } from './notice-environment';
export { hotlineNumbersFromEnvironment, smsSenderFromEnvironment } from './sms-environment';
export { storesFromEnvironment, type Stores } from './stores/all';
export { tableFromEnvironment } from './stores/table';
export { taskRouterFromEnvironment } from './task-router-environment';
