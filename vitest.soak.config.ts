import { defineConfig } from 'vitest/config';

/** `npm run soak`: the kill -9 and restart runs, minutes long, kept out of `npm test`'s unit tier. */
export default defineConfig({
  test: {
    include: ['test/soak/**/*.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
