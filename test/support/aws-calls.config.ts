import { defineConfig } from 'vitest/config';
import base from '../../vitest.config';

/**
 * The handler tests with every AWS call they make a function send recorded (test/support/aws-call-recorder.ts):
 * run by test/infra/iam-reference.test.ts, which checks those calls against the functions' roles.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: ['test/functions/**/*.test.ts'],
    setupFiles: ['test/support/aws-call-recorder.ts'],
  },
});
