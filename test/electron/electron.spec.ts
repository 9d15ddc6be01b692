import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ElectronApplication, type Page, _electron as electron, expect, test } from '@playwright/test';
import { electronUsable } from '../../scripts/electron-binary.mjs';

/**
 * The Electron shell, end to end: the built app (out/main/index.js) in the real binary.
 * Runs where node_modules/electron/dist (or ELECTRON_OVERRIDE_DIST_PATH) holds a binary and a
 * display exists (on Linux CI: xvfb-run). Elsewhere every test is skipped, saying why.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const found = electronUsable({ root });
const skipReason = found.ok ? '' : `no Electron binary on this machine: ${found.reason}`;
// The list reporter does not print skip reasons, so say it once, from the runner process.
if (!found.ok && process.env.TEST_WORKER_INDEX === undefined) console.log(`[electron] skipped: ${skipReason}`);

test.describe('Electron shell', () => {
  test.skip(!found.ok, skipReason);
  test.describe.configure({ mode: 'serial' });

  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  test.beforeAll(async () => {
    if (!fs.existsSync(path.join(root, 'out/main/index.js'))) throw new Error('out/main/index.js is missing: run `npm run build` first');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-electron-e2e-'));
    const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
    delete env.ELECTRON_RUN_AS_NODE;
    app = await electron.launch({
      executablePath: found.ok ? found.path : undefined,
      // A CI machine has no unlocked keyring: use safeStorage's plain-text store, which the
      // shell refuses unless DESK_ALLOW_BASIC_TEXT=1 (fine for a throw-away data directory).
      args: [root, '--data-dir', dataDir, '--password-store=basic'],
      cwd: root,
      env: { ...env, DESK_ALLOW_BASIC_TEXT: '1' },
      timeout: 60_000,
    });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('first run opens on the sign-in page', async () => {
    await expect(page).toHaveTitle(/jAccount/);
    // The first-run credentials are in a native dialog, which Playwright cannot read; the page
    // behind it must already be the sign-in form.
    await expect(page.locator('input[type="password"]').first()).toBeVisible();
  });

  test('the window is hardened', async () => {
    const win = await app.evaluate(({ BrowserWindow }) => {
      const w = BrowserWindow.getAllWindows()[0]!;
      const [minWidth, minHeight] = w.getMinimumSize();
      return { minWidth, minHeight, url: w.webContents.getURL() };
    });
    expect(win).toMatchObject({ minWidth: 1280, minHeight: 720 });
    expect(win.url).toMatch(/^file:.*\/out\/renderer\/index\.html/);
    // Context isolation, sandbox and no Node integration, as the page sees them: no require,
    // no process, and of the bridge only window.desk.call.
    const surface = await page.evaluate(() => {
      const g = globalThis as unknown as { require?: unknown; process?: unknown; desk: object };
      return { require: typeof g.require, process: typeof g.process, desk: Object.keys(g.desk) };
    });
    expect(surface).toEqual({ require: 'undefined', process: 'undefined', desk: ['call'] });
    const opened = await page.evaluate(() => (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/'));
    expect(opened).toBeNull();
    expect(app.windows()).toHaveLength(1);
  });

  test('IPC answers contract channels only, and never hands out the session token', async () => {
    const answers = await page.evaluate(async () => {
      const desk = (globalThis as unknown as { desk: { call(c: string, i: unknown): Promise<unknown> } }).desk;
      return {
        session: await desk.call('auth.session', {}),
        unknown: await desk.call('no.such.channel', {}),
        bad: await desk.call('auth.signIn', { username: '' }),
      };
    });
    expect(answers.session).toEqual({ ok: true, value: null });
    expect(answers.unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(answers.bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(JSON.stringify(answers)).not.toMatch(/token/i);
  });

  test('navigation away from the console is refused', async () => {
    const before = page.url();
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
  });
});
