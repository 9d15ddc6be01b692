import { defineConfig } from 'vitest/config';

/**
 * Files run in parallel, each in a worker process of its own: every test opens its desk in a
 * temporary directory of its own, listens on port 0, and copies its worker's template store
 * (test/support/desk-fixture.ts), so no two files share anything but the machine.
 *
 * Two projects: everything on SQLite, and the integration tier again on PostgreSQL, in a
 * throwaway cluster of the run's own (test/support/postgres-setup.ts), one database per test.
 */
const shared = {
  environment: 'node' as const,
  testTimeout: 60_000,
  hookTimeout: 60_000,
};

/**
 * What exists on the SQLite engine alone, each with its PostgreSQL counterpart or reason:
 * the store file itself (its header version, its pages, a full or read-only disk under it,
 * direct tampering through the sqlite3 CLI) and the file-copy backup; PostgreSQL's own bad
 * states, invariants and pg_dump backups are in test/integration/postgres/.
 */
const SQLITE_ONLY = [
  'test/integration/store.test.ts',
  'test/integration/storage-faults.test.ts',
  'test/integration/committed-cache.test.ts',
  'test/integration/backup.test.ts',
];

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: Number(process.env.TEST_WORKERS ?? 3),
    projects: [
      {
        test: {
          ...shared,
          name: 'sqlite',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          exclude: ['test/integration/postgres/**'],
          globalSetup: ['test/support/global-setup.ts'],
          provide: { store: 'sqlite' },
        },
      },
      {
        test: {
          ...shared,
          name: 'postgres',
          include: ['test/integration/**/*.test.ts'],
          exclude: SQLITE_ONLY,
          globalSetup: ['test/support/global-setup.ts', 'test/support/postgres-setup.ts'],
          provide: { store: 'postgres' },
        },
      },
    ],
  },
});
