import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { electronUsable, findDisplay, findElectronBinary } from '../../scripts/electron-binary.mjs';
import { WrongKeyError } from '../../src/main/crypto/data-key';
import { type SafeStorageLike, SafeStorageProtector } from '../../src/main/electron/safe-storage-protector';
import { ALLOW_BASIC_TEXT_ENV, dataDirOverride, judgeKeyStore, withCsp } from '../../src/main/electron/shell-policy';
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
