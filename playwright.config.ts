import { defineConfig } from '@playwright/test';
import type { DeskOptions } from './test/e2e/postgres-store';

/** Debian's Chromium (installed by .ci/run); Playwright never downloads a browser here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The core flows, run again with every desk on PostgreSQL: first run to sign-out, account lookup,
 * registration and activation, the token service, recovery, verification.
 */
const POSTGRES_FLOWS = ['foundation', 'accounts', 'token-service', 'recovery', 'verification'].map((name) => `**/${name}.spec.ts`);

export default defineConfig<object, DeskOptions>({
  testDir: 'test/e2e',
  // One throwaway PostgreSQL cluster when a project with `store: 'postgres'` runs (a database per desk in it).
  globalSetup: './test/e2e/postgres-global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1366, height: 768 },
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'chromium', testDir: 'test/e2e' },
    { name: 'chromium-postgres', testDir: 'test/e2e', testMatch: POSTGRES_FLOWS, use: { store: 'postgres' } },
    // The Electron shell through Playwright's _electron; skips itself where no Electron binary exists.
    { name: 'electron', testDir: 'test/electron' },
  ],
});
