import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CDK synthesis and dynalite suites are slow to start, not slow to run.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // `.only` in a committed test would silently skip the rest of the suite.
    allowOnly: false,
    // Node 20 here, nodejs22.x in Lambda: the SDK's notice about Node 20 is known and noisy.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
