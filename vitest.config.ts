import { defineConfig } from 'vitest/config';

/**
 * Files run in parallel, each in a worker process of its own: every test opens its desk in a
 * temporary directory of its own, listens on port 0, and copies its worker's template store
 * (test/support/desk-fixture.ts), so no two files share anything but the machine.
 */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: Number(process.env.TEST_WORKERS ?? 3),
    globalSetup: ['test/support/global-setup.ts'],
  },
});
