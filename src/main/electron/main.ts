/**
 * The Electron shell: one hardened window over the same desk the headless shell serves.
 * Thin on purpose: the decisions live in shell-policy.ts and ipc-policy.ts (plain Node,
 * unit-tested), the work in desk.ts and the router.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, type Session, type WebContents, app, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import { ConfigError, readShellConfig } from '../config';
import { WrongKeyError } from '../crypto/data-key';
import { type Desk, openDesk } from '../desk';
import { createLogger } from '../log';
import { type PortalServer, startPortal } from '../portal/portal-server';
import { SECURITY_HEADERS } from '../rpc/security-headers';
import { DataDirInUseError } from '../store/data-dir-lock';
import { StoreFromTheFutureError } from '../store/migrate';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, serveAppRequest } from './app-protocol';
import { IpcTransport } from './ipc-transport';
import { type RendererLocation, isRendererUrl } from './ipc-policy';
import { SafeStorageProtector } from './safe-storage-protector';
import { type LinuxBackend, dataDirOverride, judgeKeyStore, shellRunMode, withCsp } from './shell-policy';

const here = path.dirname(fileURLToPath(import.meta.url));
const PRELOAD = path.join(here, '../preload/index.cjs');
const RENDERER_ROOT = path.join(here, '../renderer');
const TITLE = 'jAccount Service Desk';
const CSP = SECURITY_HEADERS['Content-Security-Policy']!;

const log = createLogger();
// Developer tools and a dev server renderer only in a development run (electron-vite dev); see shellRunMode.
const runMode = shellRunMode({ packaged: app.isPackaged, buildMode: import.meta.env.MODE, env: process.env });
const location: RendererLocation = { appUrl: APP_INDEX_URL, devServerUrl: runMode.devServerUrl };

let desk: Desk | null = null;
let transport: IpcTransport | null = null;
let portal: PortalServer | null = null;
let mainWindow: BrowserWindow | null = null;

function fail(message: string): void {
  dialog.showErrorBox(`${TITLE} could not start`, message);
  app.exit(1);
}

/** Navigation, new windows and <webview> are refused for every webContents, ours or not. */
function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isRendererUrl(event.url, location)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isRendererUrl(event.url, location)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** app://desk serves out/renderer and nothing else (app-protocol.ts decides). */
function serveRenderer(ses: Session): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const answer = await serveAppRequest({ url: request.url, method: request.method }, RENDERER_ROOT);
    if (answer.status !== 200) log.error('app-protocol.refused', { status: answer.status, url: request.url.slice(0, 200) });
    return new Response(answer.body && new Uint8Array(answer.body), { status: answer.status, headers: answer.headers });
  });
}

function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    // The same CSP as the headless shell, for the dev server's responses; app:// answers carry
    // it themselves, and index.html as a <meta> too.
    callback({ responseHeaders: withCsp(details.responseHeaders, CSP) });
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    title: TITLE,
    width: 1366,
    height: 768,
    minWidth: 1280,
    minHeight: 720,
    show: false,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // A middle click must not open links in new windows (Electronegativity's AUXCLICK check).
      disableBlinkFeatures: 'Auxclick',
      devTools: runMode.devTools,
    },
  });
  transport!.adopt(win.webContents);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(location.devServerUrl ?? APP_INDEX_URL);
  return win;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** Shown once, in a native dialog; the one-time password goes nowhere else (no log, no stdout). */
async function showFirstRun(win: BrowserWindow, firstRun: NonNullable<Desk['firstRun']>): Promise<void> {
  await dialog.showMessageBox(win, {
    type: 'info',
    title: TITLE,
    message: 'First run: a system administrator was created',
    detail:
      `Username: ${firstRun.username}\nOne-time password: ${firstRun.oneTimePassword}\n\n` +
      'These credentials are shown only this once; note them now. At first sign-in you will choose ' +
      'a new password and set up two-step verification.',
    buttons: ['I have noted them'],
    defaultId: 0,
    noLink: true,
  });
}

async function start(dataDir: string): Promise<void> {
  await app.whenReady();

  const verdict = judgeKeyStore({
    platform: process.platform,
    backend: process.platform === 'linux' ? (safeStorage.getSelectedStorageBackend() as LinuxBackend) : null,
    available: safeStorage.isEncryptionAvailable(),
    env: process.env,
  });
  if (!verdict.ok) return fail(verdict.message);
  if (verdict.plainText) {
    safeStorage.setUsePlainTextEncryption(true);
    log.error('safeStorage.plain-text', { warning: verdict.warning });
  }

  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') fs.chmodSync(dataDir, 0o700);
  desk = await openDesk({ dataDir, protector: new SafeStorageProtector(safeStorage), log });
  log.info('desk.opened', { shell: 'electron', dataDir });

  portal = await startPortal(desk, { host: '127.0.0.1', port: portalPort(process.env) });
  log.info('portal.listening', { url: portal.url, issuer: portal.issuer });

  transport = new IpcTransport(ipcMain, desk.router, location, log);
  transport.install();
  hardenSession(session.defaultSession);
  serveRenderer(session.defaultSession);

  mainWindow = createWindow();
  if (desk.firstRun) {
    const firstRun = desk.firstRun;
    desk.firstRun = null;
    void showFirstRun(mainWindow, firstRun);
  }
  app.on('activate', () => {
    if (!mainWindow) mainWindow = createWindow();
  });
}

let shutdown: Promise<void> | null = null;

function portalPort(env: NodeJS.ProcessEnv): number {
  return readShellConfig([], env).portalPort;
}

/** Stop answering IPC, let running calls (and sign-outs of closed windows) finish, close the store. */
function closeDesk(): Promise<void> {
  shutdown ??= (async () => {
    await transport?.close();
    await portal?.close();
    await desk?.close();
    desk = null;
  })().catch((err: unknown) => log.error('desk.close', { error: err }));
  return shutdown;
}

function main(): void {
  let dataDir: string;
  try {
    const override = dataDirOverride(process.argv, process.env);
    // An override becomes userData as well: Chromium's profile and the single-instance lock follow it.
    if (override) app.setPath('userData', override);
    dataDir = override ?? app.getPath('userData');
  } catch (err) {
    void app.whenReady().then(() => fail((err as Error).message));
    return;
  }

  for (const note of runMode.notes) log.error('shell.run-mode', { note });
  // Before ready: Chromium learns app:// as a standard, secure scheme of its own.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', focusMainWindow);
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));

  // The desk lives as long as its window, on every platform.
  app.on('window-all-closed', () => app.quit());
  // will-quit comes after the windows are gone (their sign-outs queued); hold the exit until the store is closed.
  app.on('will-quit', (event) => {
    if (!desk && !transport) return;
    event.preventDefault();
    void closeDesk().finally(() => {
      transport = null;
      app.exit(0);
    });
  });

  // `npm start` forwards SIGINT/SIGTERM: quit the same orderly way as closing the window.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  start(dataDir).catch((err: unknown) => {
    const known = [ConfigError, DataDirInUseError, StoreFromTheFutureError, WrongKeyError].some((t) => err instanceof t);
    if (!known) log.error('desk.start', { error: err });
    const message = known ? (err as Error).message : `${(err as Error)?.message ?? String(err)} (details are in the log on stderr)`;
    void closeDesk().finally(() => fail(message));
  });
}

main();
