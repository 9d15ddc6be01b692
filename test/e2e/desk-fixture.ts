import { test as base } from '@playwright/test';
import { type RunningDesk, startHeadlessDesk } from '../support/headless-desk';

/** Playwright's `test` with a `desk` fixture: a headless desk of its own for each test, stopped after it. */
export const test = base.extend<{ desk: RunningDesk }>({
  // eslint-disable-next-line no-empty-pattern
  desk: async ({}, use) => {
    const desk = await startHeadlessDesk();
    await use(desk);
    await desk.stop();
  },
});

export type { RunningDesk };
export { expect } from '@playwright/test';
