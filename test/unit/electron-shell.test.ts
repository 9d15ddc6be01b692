import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { electronUsable, findDisplay, findElectronBinary } from '../../scripts/electron-binary.mjs';
import { WrongKeyError } from '../../src/main/crypto/data-key';
import { type SafeStorageLike, SafeStorageProtector } from '../../src/main/electron/safe-storage-protector';
import { APP_INDEX_URL, APP_SCHEME_PRIVILEGES, resolveAppPath, serveAppRequest } from '../../src/main/electron/app-protocol';
import { ALLOW_BASIC_TEXT_ENV, dataDirOverride, judgeKeyStore, shellRunMode, withCsp } from '../../src/main/electron/shell-policy';
import { SECURITY_HEADERS } from '../../src/main/rpc/security-headers';
import { ConfigError } from '../../src/main/config';

describe('dataDirOverride', () => {
  it('takes --data-dir over DESK_DATA_DIR, resolved against the working directory', () => {
    expect(dataDirOverride(['electron', '.', '--data-dir', 'd1'], { DESK_DATA_DIR: '/env' }, '/work')).toBe(path.resolve('/work/d1'));
    expect(dataDirOverride(['app', '--data-dir=/abs'], {}, '/work')).toBe(path.resolve('/abs'));
    expect(dataDirOverride(['app'], { DESK_DATA_DIR: 'rel' }, '/work')).toBe(path.resolve('/work/rel'));
  });

  it('means userData when neither is given', () => {
    expect(dataDirOverride(['electron', '.'], {}, '/work')).toBeNull();
    expect(dataDirOverride(['electron', '.'], { DESK_DATA_DIR: '' }, '/work')).toBeNull();
  });

  it('refuses a flag without a value', () => {
    expect(() => dataDirOverride(['app', '--data-dir'], {})).toThrow(ConfigError);
    expect(() => dataDirOverride(['app', '--data-dir', '--port'], {})).toThrow(/needs a value/);
    expect(() => dataDirOverride(['app', '--data-dir='], {})).toThrow(/needs a value/);
  });
});

describe('shellRunMode: developer tools and a dev server renderer only in a development run', () => {
  const dev = { NODE_ENV: 'development', ELECTRON_RENDERER_URL: 'http://localhost:5173' };

  it('gives what `npm start` runs (a production build, unpackaged) neither, whatever the environment says', () => {
    for (const env of [{}, dev, { ELECTRON_RENDERER_URL: 'http://localhost:5173' }, { NODE_ENV: 'development' }]) {
      const mode = shellRunMode({ packaged: false, buildMode: 'production', env });
      expect(mode).toMatchObject({ development: false, devTools: false, devServerUrl: null });
    }
    expect(shellRunMode({ packaged: false, buildMode: 'production', env: dev }).notes).toEqual([expect.stringMatching(/ELECTRON_RENDERER_URL is ignored/)]);
  });

  it('gives a packaged app neither, even a development build', () => {
    expect(shellRunMode({ packaged: true, buildMode: 'development', env: dev })).toMatchObject({ development: false, devTools: false, devServerUrl: null });
  });

  it('needs NODE_ENV=development as electron-vite dev sets it, besides the development build', () => {
    expect(shellRunMode({ packaged: false, buildMode: 'development', env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } })).toMatchObject({
      development: false,
      devTools: false,
      devServerUrl: null,
    });
    expect(shellRunMode({ packaged: false, buildMode: 'test', env: dev }).devTools).toBe(false);
  });

  it('in a development run, opens the tools and trusts a loopback http(s) dev server only', () => {
    expect(shellRunMode({ packaged: false, buildMode: 'development', env: dev })).toEqual({
      development: true,
      devTools: true,
      devServerUrl: 'http://localhost:5173/',
      notes: [],
    });
    expect(shellRunMode({ packaged: false, buildMode: 'development', env: { NODE_ENV: 'development' } })).toMatchObject({ devTools: true, devServerUrl: null });
    for (const url of ['https://127.0.0.1:5173/', 'http://[::1]:5173/']) {
      expect(shellRunMode({ packaged: false, buildMode: 'development', env: { ...dev, ELECTRON_RENDERER_URL: url } }).devServerUrl).toBe(url);
    }
    for (const url of ['https://evil.example/', 'http://192.168.1.9:5173/', 'file:///tmp/index.html', 'http://user:pw@localhost:5173/', 'javascript:alert(1)', 'not a url']) {
      const mode = shellRunMode({ packaged: false, buildMode: 'development', env: { ...dev, ELECTRON_RENDERER_URL: url } });
      expect(mode).toMatchObject({ devTools: true, devServerUrl: null, notes: [expect.stringMatching(/not an http\(s\) dev server on loopback/)] });
    }
  });
});

describe('app://desk, the renderer’s own origin', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-renderer-'));
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-outside-'));
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>desk</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  fs.writeFileSync(path.join(outside, 'secret.js'), 'the data directory');
  fs.symlinkSync(path.join(outside, 'secret.js'), path.join(root, 'assets', 'link.js'));
  fs.mkdirSync(path.join(root, 'assets', 'dir.js'));
  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('is a standard, secure scheme that does not bypass the CSP', () => {
    expect(APP_INDEX_URL).toBe('app://desk/index.html');
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true, codeCache: true });
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
  });

  it('serves the built files with their types and the desk’s CSP', async () => {
    const page = await serveAppRequest({ url: APP_INDEX_URL, method: 'GET' }, root);
    expect(page.status).toBe(200);
    expect(page.body!.toString()).toContain('<title>desk</title>');
    expect(page.headers).toMatchObject({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': SECURITY_HEADERS['Content-Security-Policy'] });
    expect(page.headers['Content-Security-Policy']).toContain("script-src 'self'");
    expect((await serveAppRequest({ url: 'app://desk/assets/index-abc.js', method: 'GET' }, root)).headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect((await serveAppRequest({ url: 'app://desk/assets/index-abc.css?v=1#x', method: 'GET' }, root)).status).toBe(200);
    expect(await serveAppRequest({ url: 'app://desk/', method: 'HEAD' }, root)).toMatchObject({ status: 200, body: null });
  });

  it.each([
    ['a parent path', 'app://desk/../../../../etc/passwd'],
    ['an escaped parent path', 'app://desk/%2e%2e/%2e%2e/etc/passwd'],
    ['an escaped slash', 'app://desk/assets/..%2f..%2f..%2fetc%2fhosts.js'],
    ['a backslash', 'app://desk/assets%5c..%5c..%5csecret.js'],
    ['a NUL', 'app://desk/index.html%00.js'],
    ['a malformed escape', 'app://desk/%E0%A4%A.js'],
    ['another host', 'app://evil/index.html'],
    ['a port', 'app://desk:444/index.html'],
    ['credentials', 'app://user:pw@desk/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['a missing file', 'app://desk/assets/none.js'],
    ['a kind of file the build has none of', 'app://desk/assets/run.sh'],
    ['a symbolic link out of the build', 'app://desk/assets/link.js'],
    ['a directory', 'app://desk/assets/dir.js'],
  ])('refuses %s', async (_what, url) => {
    const answer = await serveAppRequest({ url, method: 'GET' }, root);
    expect([400, 403, 404]).toContain(answer.status);
    expect(answer.body?.toString() ?? '').not.toContain('the data directory');
  });

  it('refuses any method but GET and HEAD', async () => {
    expect(await serveAppRequest({ url: APP_INDEX_URL, method: 'POST' }, root)).toMatchObject({ status: 405, headers: { Allow: 'GET, HEAD' } });
  });

  it('resolves only inside the root', () => {
    expect(resolveAppPath('app://desk/assets/index-abc.js', root)).toEqual({ ok: true, file: path.join(root, 'assets', 'index-abc.js'), type: 'text/javascript; charset=utf-8' });
    expect(resolveAppPath('app://desk/..%2findex.html', root)).toMatchObject({ ok: false, status: 403 });
  });
});

describe('judgeKeyStore', () => {
  const linux = (backend: Parameters<typeof judgeKeyStore>[0]['backend'], available = true, env: NodeJS.ProcessEnv = {}) =>
    judgeKeyStore({ platform: 'linux', backend, available, env });

  it('starts with a secret service on Linux', () => {
    for (const backend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'] as const) {
      expect(linux(backend)).toEqual({ ok: true, plainText: false });
    }
  });

  it('refuses the basic_text backend on Linux, naming the opt-in', () => {
    const verdict = linux('basic_text');
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.message).toContain(`${ALLOW_BASIC_TEXT_ENV}=1`);
    expect(linux('unknown').ok).toBe(false);
    expect(linux('gnome_libsecret', false).ok).toBe(false);
  });

  it('accepts basic_text with DESK_ALLOW_BASIC_TEXT=1, with a warning', () => {
    const verdict = linux('basic_text', true, { [ALLOW_BASIC_TEXT_ENV]: '1' });
    expect(verdict).toMatchObject({ ok: true, plainText: true });
    expect(verdict.ok && verdict.plainText ? verdict.warning : '').toMatch(/built-in key/);
    expect(linux('basic_text', false, { [ALLOW_BASIC_TEXT_ENV]: '1' }).ok).toBe(true);
    // Only exactly "1" opts in.
    expect(linux('basic_text', true, { [ALLOW_BASIC_TEXT_ENV]: 'yes' }).ok).toBe(false);
  });

  it('on macOS and Windows needs only availability, and no opt-in helps without it', () => {
    expect(judgeKeyStore({ platform: 'darwin', backend: null, available: true, env: {} })).toEqual({ ok: true, plainText: false });
    expect(judgeKeyStore({ platform: 'win32', backend: null, available: false, env: { [ALLOW_BASIC_TEXT_ENV]: '1' } }).ok).toBe(false);
  });
});

describe('withCsp', () => {
  it('replaces any CSP the response carried and keeps the other headers', () => {
    const out = withCsp({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] }, "default-src 'self'");
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] });
    expect(withCsp(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});

/** Stands in for safeStorage: a real cipher under a key of its own. */
function fakeSafeStorage(available = true): SafeStorageLike & { key: Buffer } {
  const key = crypto.randomBytes(32);
  return {
    key,
    isEncryptionAvailable: () => available,
    encryptString(plain) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', key, iv);
      const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), ct]);
    },
    decryptString(buf) {
      const d = crypto.createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
      d.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

describe('SafeStorageProtector', () => {
  it('is named safeStorage and round-trips a data key as base64 text', async () => {
    const protector = new SafeStorageProtector(fakeSafeStorage());
    expect(protector.name).toBe('safeStorage');
    const key = crypto.randomBytes(32);
    const wrapped = await protector.wrap(key);
    expect(wrapped).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(wrapped).not.toContain(key.toString('base64'));
    expect((await protector.unwrap(wrapped)).equals(key)).toBe(true);
  });

  it('reports another key store, or a damaged value, as the wrong key', async () => {
    const wrapped = await new SafeStorageProtector(fakeSafeStorage()).wrap(crypto.randomBytes(32));
    await expect(new SafeStorageProtector(fakeSafeStorage()).unwrap(wrapped)).rejects.toBeInstanceOf(WrongKeyError);
    const storage = fakeSafeStorage();
    const notAKey = storage.encryptString('hello').toString('base64');
    await expect(new SafeStorageProtector(storage).unwrap(notAKey)).rejects.toBeInstanceOf(WrongKeyError);
  });

  it('refuses to work when encryption is not available', async () => {
    await expect(new SafeStorageProtector(fakeSafeStorage(false)).wrap(crypto.randomBytes(32))).rejects.toThrow(/not available/);
  });
});

describe('finding the Electron binary without require("electron")', () => {
  const made: string[] = [];
  const tmp = (prefix: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });

  function fakeProject(layout: { pkg?: boolean; pathTxt?: string; dist?: string[] }) {
    const root = tmp('desk-electron-');
    const pkg = path.join(root, 'node_modules', 'electron');
    fs.mkdirSync(pkg, { recursive: true });
    if (layout.pkg !== false) fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"electron"}');
    if (layout.pathTxt !== undefined) fs.writeFileSync(path.join(pkg, 'path.txt'), layout.pathTxt);
    for (const file of layout.dist ?? []) {
      fs.mkdirSync(path.dirname(path.join(pkg, 'dist', file)), { recursive: true });
      fs.writeFileSync(path.join(pkg, 'dist', file), '');
    }
    return root;
  }

  it('explains a missing dist directory (this machine)', () => {
    const root = fakeProject({});
    expect(findElectronBinary({ root, env: {}, platform: 'linux' })).toEqual({ ok: false, reason: 'node_modules/electron/dist is missing' });
    expect(findElectronBinary({ root: fakeProject({ pkg: false }), env: {}, platform: 'linux' }).ok).toBe(false);
  });

  it('uses path.txt, or the platform default when it is missing', () => {
    const root = fakeProject({ pathTxt: 'electron', dist: ['electron'] });
    expect(findElectronBinary({ root, env: {}, platform: 'linux' })).toEqual({
      ok: true,
      path: path.join(root, 'node_modules/electron/dist/electron'),
    });
    const mac = fakeProject({ dist: ['Electron.app/Contents/MacOS/Electron'] });
    expect(findElectronBinary({ root: mac, env: {}, platform: 'darwin' }).ok).toBe(true);
    const partial = fakeProject({ pathTxt: 'electron', dist: ['LICENSE'] });
    expect(findElectronBinary({ root: partial, env: {}, platform: 'linux' })).toEqual({
      ok: false,
      reason: 'node_modules/electron/dist/electron is missing',
    });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const root = fakeProject({});
    const dist = tmp('desk-electron-dist-');
    fs.writeFileSync(path.join(dist, 'electron'), '');
    expect(findElectronBinary({ root, env: { ELECTRON_OVERRIDE_DIST_PATH: dist }, platform: 'linux' })).toEqual({
      ok: true,
      path: path.join(dist, 'electron'),
    });
    expect(findElectronBinary({ root, env: { ELECTRON_OVERRIDE_DIST_PATH: root }, platform: 'linux' }).ok).toBe(false);
  });

  it('needs a display on Linux', () => {
    expect(findDisplay({}, 'linux').ok).toBe(false);
    expect(findDisplay({ DISPLAY: ':0' }, 'linux').ok).toBe(true);
    expect(findDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux').ok).toBe(true);
    expect(findDisplay({}, 'darwin').ok).toBe(true);
    const root = fakeProject({ pathTxt: 'electron', dist: ['electron'] });
    expect(electronUsable({ root, env: {}, platform: 'linux' })).toMatchObject({ ok: false, reason: expect.stringMatching(/no display/) });
    expect(electronUsable({ root, env: { DISPLAY: ':1' }, platform: 'linux' }).ok).toBe(true);
  });
});
