import { defineConfig } from 'vitest/config';
import base from '../../vitest.config';

/**
 * The tests that invoke the hotline's handlers, with every AWS call they make a function send
 * recorded (test/support/aws-call-recorder.ts): the handler tests, and the local journeys and the
 * retention test, whose calls, texts and staff requests go through the real sms-intake,
 * call-intake and staff-api handlers, and the new intakes through the real intake-router handler
 * (what the local runtime does outside a handler, its routing sweep, sending and notice passes, is
 * not recorded, nor its writes to its own outbox, which stand for Connect, SNS and SES). Run by test/support/handler-calls.ts for
 * test/infra/iam-reference.test.ts, which checks those calls against the functions' roles, and
 * test/infra/table-access.test.ts, which checks them against infra/table-access.ts.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: ['test/functions/**/*.test.ts', 'test/local/*-journeys.test.ts', 'test/local/victim-notices.test.ts', 'test/security/retention.test.ts'],
    setupFiles: ['test/support/aws-call-recorder.ts'],
  },
});
