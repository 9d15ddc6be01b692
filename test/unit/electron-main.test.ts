/**
 * The Electron shell's wiring (src/main/electron/main.ts), run in plain Node against a
 * stand-in for the 'electron' module and a real desk on a temporary directory. It cannot
 * prove Chromium's behaviour (test/electron does, where a binary exists); it proves what
 * main.ts asks of Electron and that the IPC path reaches the real router.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SqliteDatabase } from '../../src/main/store/sqlite-database';

type Fn = (...args: never[]) => unknown;

const h = vi.hoisted(() => {
  class Emitter {
    listeners = new Map<string, ((...args: unknown[]) => unknown)[]>();
    on(name: string, fn: (...args: unknown[]) => unknown) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
      return this;
    }
    once(name: string, fn: (...args: unknown[]) => unknown) {
      return this.on(name, fn);
    }
    emit(name: string, ...args: unknown[]) {
      for (const fn of this.listeners.get(name) ?? []) fn(...args);
    }
  }

  const state = {
    userData: '',
    backend: 'gnome_libsecret' as string,
    encryptionAvailable: true,
    lock: true,
    calls: [] as [string, ...unknown[]][],
    exitCode: null as number | null,
    ready: () => undefined as void,
    windows: [] as { options: Record<string, unknown>; webContents: Emitter & Record<string, unknown>; win: Emitter }[],
    ipc: new Map<string, (...args: unknown[]) => Promise<unknown>>(),
    dialogs: [] as { kind: string; args: unknown[] }[],
    permission: {} as Record<string, unknown>,
    headers: null as null | ((details: unknown, cb: (r: unknown) => void) => void),
    protocols: new Map<string, (request: { url: string; method: string }) => Promise<Response>>(),
    app: new Emitter(),
    plainText: false,
  };

  function reset(userData: string) {
    state.userData = userData;
    state.backend = 'gnome_libsecret';
    state.encryptionAvailable = true;
    state.lock = true;
    state.calls = [];
    state.exitCode = null;
    state.windows = [];
    state.ipc = new Map();
    state.dialogs = [];
    state.permission = {};
    state.headers = null;
    state.protocols = new Map();
    state.app = new Emitter();
    state.plainText = false;
    let resolveReady: () => void = () => undefined;
    const ready = new Promise<void>((r) => (resolveReady = r));
    state.ready = () => resolveReady();
    Object.assign(app, {
      whenReady: () => ready,
    });
  }

  let nextId = 1;
  const app = {
    isPackaged: false,
    whenReady: (): Promise<void> => Promise.resolve(),
    on: (name: string, fn: (...args: unknown[]) => unknown) => state.app.on(name, fn),
    getPath: (name: string) => (name === 'userData' ? state.userData : os.tmpdir()),
    setPath: (name: string, value: string) => {
      state.calls.push(['setPath', name, value]);
      if (name === 'userData') state.userData = value;
    },
    requestSingleInstanceLock: () => state.lock,
    enableSandbox: () => void state.calls.push(['enableSandbox']),
    quit: () => {
      state.calls.push(['quit']);
      let prevented = false;
      state.app.emit('will-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) state.exitCode ??= 0;
    },
    exit: (code: number) => {
      state.calls.push(['exit', code]);
      state.exitCode = code;
    },
  };

  const fakeKey = Buffer.alloc(32, 7);
  const safeStorage = {
    isEncryptionAvailable: () => state.encryptionAvailable || state.plainText,
    getSelectedStorageBackend: () => state.backend,
    setUsePlainTextEncryption: (v: boolean) => void (state.plainText = v),
    encryptString: (s: string) => Buffer.concat([Buffer.from('enc:'), Buffer.from(s).map((b, i) => b ^ fakeKey[i % 32]!)]),
    decryptString: (b: Buffer) => Buffer.from(b.subarray(4).map((x, i) => x ^ fakeKey[i % 32]!)).toString(),
  };

  class BrowserWindow extends Emitter {
    webContents: Emitter & Record<string, unknown>;
    constructor(public options: Record<string, unknown>) {
      super();
      const webContents = new Emitter() as Emitter & Record<string, unknown>;
      Object.assign(webContents, {
        id: nextId++,
        mainFrame: { frameTreeNodeId: 1 },
        setWindowOpenHandler: (fn: unknown) => void (webContents.windowOpenHandler = fn),
      });
      this.webContents = webContents;
      state.windows.push({ options, webContents, win: this });
      state.app.emit('web-contents-created', {}, webContents);
    }
    loadFile(file: string) {
      state.calls.push(['loadFile', file]);
      return Promise.resolve();
    }
    loadURL(url: string) {
      state.calls.push(['loadURL', url]);
      return Promise.resolve();
    }
    isMinimized = () => false;
    restore = () => undefined;
    show = () => undefined;
    focus = () => undefined;
  }

  const electron = {
    app,
    BrowserWindow,
    safeStorage,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => {
        state.calls.push(['registerSchemesAsPrivileged', schemes]);
      },
    },
    ipcMain: {
      handle: (name: string, fn: (...args: unknown[]) => Promise<unknown>) => void state.ipc.set(name, fn),
      removeHandler: (name: string) => void state.ipc.delete(name),
    },
    dialog: {
      showErrorBox: (...args: unknown[]) => void state.dialogs.push({ kind: 'error', args }),
      showMessageBox: (...args: unknown[]) => {
        state.dialogs.push({ kind: 'message', args });
        return Promise.resolve({ response: 0, checkboxChecked: false });
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: unknown) => void (state.permission.request = fn),
        setPermissionCheckHandler: (fn: unknown) => void (state.permission.check = fn),
        setDevicePermissionHandler: (fn: unknown) => void (state.permission.device = fn),
        webRequest: { onHeadersReceived: (fn: typeof state.headers) => void (state.headers = fn) },
        protocol: {
          handle: (scheme: string, fn: (request: { url: string; method: string }) => Promise<Response>) => void state.protocols.set(scheme, fn),
        },
      },
    },
  };
  return { state, reset, electron };
});

vi.mock('electron', () => ({ ...h.electron, default: h.electron }));

const { state } = h;
let dir: string;
let stderr: string;
const savedEnv = { ...process.env };

async function until<T>(probe: () => T | null | undefined | false, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-electron-main-'));
  h.reset(dir);
  delete process.env.DESK_DATA_DIR;
  delete process.env.DESK_ALLOW_BASIC_TEXT;
  delete process.env.ELECTRON_RENDERER_URL;
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  });
  vi.resetModules();
});

afterEach(() => {
  vi.restoreAllMocks();
  process.env = { ...savedEnv };
  fs.rmSync(dir, { recursive: true, force: true });
});

function ipcEvent(webContents: Record<string, unknown>, url: string, sub = false) {
  return {
    sender: webContents,
    senderFrame: { url, parent: sub ? {} : null, frameTreeNodeId: sub ? 2 : 1, detached: false, isDestroyed: () => false },
  };
}

describe('the Electron shell (main.ts) against a stand-in electron module', () => {
  it('opens the desk in userData, hardens the window and session, shows first-run once, and closes on quit', async () => {
    await import('../../src/main/electron/main');
    expect(state.calls).toContainEqual(['enableSandbox']);
    // app:// is made a privileged scheme before the app is ready, as Electron requires.
    expect(state.calls).toContainEqual([
      'registerSchemesAsPrivileged',
      [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }],
    ]);
    state.ready();
    const { options, webContents, win } = await until(() => state.windows[0], 'the window');

    // Window hardening.
    expect(options).toMatchObject({ width: 1366, height: 768, minWidth: 1280, minHeight: 720 });
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false, // not a development run: unpackaged is not enough
    });
    expect(String((options.webPreferences as { preload: string }).preload)).toMatch(/preload[/\\]index\.cjs$/);
    // The window shows the renderer on its own origin, never over file://.
    expect(state.calls.filter((c) => c[0] === 'loadFile')).toEqual([]);
    const ownUrl = state.calls.find((c) => c[0] === 'loadURL')![1] as string;
    expect(ownUrl).toBe('app://desk/index.html');
    const serve = state.protocols.get('app')!;
    expect((await serve({ url: 'app://desk/../../../../etc/passwd', method: 'GET' })).status).toBe(404);
    expect((await serve({ url: 'app://desk/%2e%2e%2f%2e%2e%2fpackage.json', method: 'GET' })).status).toBe(403);
    expect((await serve({ url: 'app://desk/index.html', method: 'POST' })).status).toBe(405);

    // Navigation, new windows, permissions, CSP.
    expect((webContents.windowOpenHandler as Fn)()).toEqual({ action: 'deny' });
    const nav = (url: string) => {
      let prevented = false;
      webContents.emit('will-navigate', { url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(nav('https://example.com/')).toBe(true);
    expect(nav(pathToFileURL('/etc/passwd').href)).toBe(true);
    expect(nav(pathToFileURL(path.resolve('out/renderer/index.html')).href)).toBe(true);
    expect(nav(`${ownUrl}#/staff`)).toBe(false);
    let granted: boolean | null = null;
    (state.permission.request as Fn)(...([webContents, 'media', (ok: boolean) => (granted = ok)] as never[]));
    expect(granted).toBe(false);
    expect((state.permission.check as Fn)()).toBe(false);
    expect((state.permission.device as Fn)()).toBe(false);
    let headers: unknown;
    state.headers!({ responseHeaders: { 'content-security-policy': ['x'] } }, (r) => (headers = r));
    expect(headers).toEqual({ responseHeaders: { 'Content-Security-Policy': [expect.stringContaining("default-src 'self'")] } });

    // The store lives in userData (no override given), and first-run credentials went to a dialog only.
    expect(fs.existsSync(path.join(dir, 'desk.sqlite'))).toBe(true);
    const dialog = await until(() => state.dialogs.find((d) => d.kind === 'message'), 'the first-run dialog');
    const detail = (dialog.args[1] as { detail: string }).detail;
    const otp = /One-time password: (\S+)/.exec(detail)![1]!;
    const username = /Username: (\S+)/.exec(detail)![1]!;
    expect(stderr).not.toContain(otp);

    // IPC through the real router: the token stays in the main process.
    const call = (channel: string, input: unknown, ev = ipcEvent(webContents, ownUrl)) => state.ipc.get(`desk:${channel}`)!(ev, input);
    expect(await call('auth.session', {})).toEqual({ ok: true, value: null });
    const signedIn = (await call('auth.signIn', { username, password: otp, desk: 'minhang' })) as { ok: boolean; value: { stage: string } };
    expect(signedIn).toMatchObject({ ok: true, value: { stage: 'password_change' } });
    expect(JSON.stringify(signedIn)).not.toMatch(/token/i);
    expect(await call('auth.session', {})).toMatchObject({ ok: true, value: { stage: 'password_change' } });
    expect(await call('auth.session', {}, ipcEvent(webContents, 'https://evil.example/'))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call('auth.session', {}, ipcEvent(webContents, ownUrl, true))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // Closing the window signs it out; quitting closes the store (its lock file goes) and exits 0.
    win.emit('closed');
    webContents.emit('destroyed');
    state.app.emit('window-all-closed');
    await until(() => state.exitCode !== null, 'exit');
    expect(state.exitCode).toBe(0);
    expect(fs.existsSync(path.join(dir, 'desk.lock'))).toBe(false);
    expect(state.ipc.size).toBe(0);
    expect(stderr).not.toContain(otp);
    const db = await SqliteDatabase.open(path.join(dir, 'desk.sqlite'));
    try {
      const sessions = await db.reader.all<{ ended_at: string | null; end_reason: string | null }>('SELECT ended_at, end_reason FROM sessions');
      expect(sessions).toEqual([{ ended_at: expect.any(String), end_reason: 'signed out' }]);
    } finally {
      await db.close();
    }
  });

  it('neither loads nor trusts ELECTRON_RENDERER_URL, nor opens developer tools, outside a development run', async () => {
    process.env.ELECTRON_RENDERER_URL = 'https://evil.example/';
    process.env.NODE_ENV = 'development';
    await import('../../src/main/electron/main');
    state.ready();
    const { options, webContents } = await until(() => state.windows[0], 'the window');
    expect(options.webPreferences).toMatchObject({ devTools: false });
    expect(state.calls.filter((c) => c[0] === 'loadURL')).toEqual([['loadURL', 'app://desk/index.html']]);
    let prevented = false;
    webContents.emit('will-navigate', { url: 'https://evil.example/', preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    const refused = await state.ipc.get('desk:auth.session')!(ipcEvent(webContents, 'https://evil.example/'), {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(stderr).toMatch(/ELECTRON_RENDERER_URL is ignored/);
    await until(() => state.dialogs.length > 0, 'the first-run dialog');
    state.app.emit('window-all-closed');
    await until(() => state.exitCode !== null, 'exit');
  });

  it('refuses to start on the basic_text backend without DESK_ALLOW_BASIC_TEXT=1', async () => {
    state.backend = 'basic_text';
    await import('../../src/main/electron/main');
    state.ready();
    await until(() => state.exitCode !== null, 'exit');
    expect(state.exitCode).toBe(1);
    const error = state.dialogs.find((d) => d.kind === 'error')!;
    expect(String(error.args[1])).toContain('DESK_ALLOW_BASIC_TEXT=1');
    expect(state.windows).toHaveLength(0);
    expect(fs.existsSync(path.join(dir, 'desk.sqlite'))).toBe(false);
  });

  it('starts on basic_text when opted in, with a logged warning, in the --data-dir given', async () => {
    state.backend = 'basic_text';
    state.encryptionAvailable = false;
    process.env.DESK_ALLOW_BASIC_TEXT = '1';
    const other = path.join(dir, 'elsewhere');
    process.env.DESK_DATA_DIR = other;
    await import('../../src/main/electron/main');
    expect(state.calls).toContainEqual(['setPath', 'userData', other]);
    state.ready();
    await until(() => state.windows[0], 'the window');
    expect(state.plainText).toBe(true);
    expect(stderr).toMatch(/safeStorage\.plain-text/);
    expect(fs.existsSync(path.join(other, 'desk.sqlite'))).toBe(true);
    await until(() => state.dialogs.length > 0, 'the first-run dialog');
    state.app.emit('window-all-closed');
    await until(() => state.exitCode !== null, 'exit');
    expect(state.exitCode).toBe(0);
  });

  it('a second instance quits without opening anything', async () => {
    state.lock = false;
    await import('../../src/main/electron/main');
    expect(state.calls).toContainEqual(['quit']);
    state.ready();
    await new Promise((r) => setTimeout(r, 100));
    expect(state.windows).toHaveLength(0);
    expect(fs.existsSync(path.join(dir, 'desk.sqlite'))).toBe(false);
  });
});
