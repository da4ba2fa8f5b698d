import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CDK synthesis and dynalite suites are slow to start, not slow to run.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // vitest runs files on one core fewer than the machine has (one worker here, 2 cores), but
    // much of the suite waits on Chromium, dynalite and child processes: a worker per core took
    // the suite from 387 to 281 s on this machine, and four workers to 305 s (the fuzz file, CPU
    // bound, grew from 59 to 285 s).
    maxWorkers: availableParallelism(),
    // `.only` in a committed test would silently skip the rest of the suite.
    allowOnly: false,
    // Node 20 here, nodejs22.x in Lambda: the SDK's notice about Node 20 is known and noisy.
    // Metrics go to CloudWatch through stdout in Lambda; in tests they would only be noise.
    // ENLACE_STATE_FILE "": the local tools neither announce nor look for a running hotline, so a
    // test never reaches a developer's npm start (tests of it name their own file).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_METRICS_DISABLED: 'true', ENLACE_STATE_FILE: '' },
  },
});
