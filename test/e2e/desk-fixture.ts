import { test as base } from '@playwright/test';
import { type RunningDesk, startHeadlessDesk } from '../support/headless-desk';
import { type DeskOptions, freshPostgresStore } from './postgres-store';

/**
 * Playwright's `test` with a `desk` fixture: a headless desk of its own for each test, stopped
 * after it, on the store its project names (`use: { store }` in playwright.config.ts): SQLite in
 * its data directory, or a PostgreSQL database of its own in the run's cluster.
 */
export const test = base.extend<{ desk: RunningDesk }, DeskOptions>({
  store: ['sqlite', { option: true, scope: 'worker' }],
  desk: async ({ store }, use) => {
    const desk = await startHeadlessDesk(store === 'postgres' ? await freshPostgresStore() : {});
    await use(desk);
    await desk.stop();
  },
});

export type { RunningDesk };
export { expect } from '@playwright/test';
