import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PassphraseProtector } from '../../src/main/crypto/passphrase-protector';
import { openDesk } from '../../src/main/desk';
import { describeStartFailure } from '../../src/main/start-failure';
import { type TestDesk, TEST_PASSPHRASE, openTestDesk, signInFirstAdmin, tempDir } from '../support/desk-fixture';
import { fillDisk, makeReadOnly, mountSmallDisk } from '../support/storage-faults';

const PERSON = {
  realName: '王芳',
  category: 'staff' as const,
  number: 'S20260001',
  department: '图书馆',
  documentType: 'prc_id' as const,
  documentNumber: '11010519491231002X',
  mobile: '13800001111',
  documentChecked: true as const,
};

let t: TestDesk | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await t?.close().catch(() => undefined);
  t = undefined;
  for (const undo of cleanups.splice(0).reverse()) undo();
});

const storeFiles = (dir: string) => ['desk.sqlite', 'desk.sqlite-wal', 'desk.sqlite-shm'].map((f) => path.join(dir, f));

async function storeIsWhole(desk: TestDesk['desk']) {
  expect(await desk.db.reader.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
  expect(await desk.audit.verify()).toMatchObject({ ok: true, firstBroken: null });
}

describe('a read-only data directory', () => {
  it('stops the desk at start with a sentence naming the folder, and changes nothing', async () => {
    const dir = tempDir();
    await (await openTestDesk(dir)).close();
    const before = fs.readFileSync(path.join(dir, 'desk.sqlite'));
    const paths = [dir, ...storeFiles(dir)];
    makeReadOnly(paths, true);
    cleanups.push(() => makeReadOnly(paths, false));

    const failure = await openDesk({ dataDir: dir, protector: new PassphraseProtector(TEST_PASSPHRASE) }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(Error);
    expect(describeStartFailure(failure)).toMatch(new RegExp(`^The data directory ${dir} cannot be written \\(E(PERM|ACCES)\\)`));
    expect(fs.readFileSync(path.join(dir, 'desk.sqlite')).equals(before)).toBe(true);

    const inside = path.join(dir, 'new-desk');
    const nested = await openDesk({ dataDir: inside, protector: new PassphraseProtector(TEST_PASSPHRASE) }).catch((err: unknown) => err);
    expect(describeStartFailure(nested)).toMatch(/cannot be written/);
  });

  it('refuses writes while the desk runs with a clear error, then works again once writable', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    // Not the -shm index: SQLite maps it into memory, and a mapped page that cannot be written kills the process (SIGBUS).
    const paths = [t.dir, ...storeFiles(t.dir).slice(0, 2)];
    makeReadOnly(paths, true);
    cleanups.push(() => makeReadOnly(paths, false));

    const env = await t.desk.router.call('accounts.register', PERSON, jar);
    expect(env).toMatchObject({ ok: false, error: { code: 'STORAGE_READ_ONLY' } });
    makeReadOnly(paths, false);
    expect((await t.call('accounts.search', { query: PERSON.number, filters: {}, page: 1, pageSize: 5 }, jar)).items).toEqual([]);
    await t.call('accounts.register', PERSON, jar);
    expect((await t.call('accounts.search', { query: PERSON.number, filters: {}, page: 1, pageSize: 5 }, jar)).items).toHaveLength(1);
    await storeIsWhole(t.desk);
  });
});

describe('a full disk', () => {
  it('refuses the write with a clear error and no half-written rows; frees up and goes on', async (ctx) => {
    const mountPoint = tempDir('desk-disk-');
    const disk = mountSmallDisk(mountPoint, 24);
    if (!disk) return ctx.skip(true, 'mounting a small tmpfs needs root; this process is not');
    cleanups.push(() => disk.unmount());
    t = await openTestDesk(path.join(mountPoint, 'data'));
    const { jar } = await signInFirstAdmin(t);
    // An empty WAL must grow for the next write, so the full disk is met at once.
    await t.desk.db.raw((c) => c.exec('PRAGMA wal_checkpoint(TRUNCATE)'));
    const filler = fillDisk(mountPoint);

    const env = await t.desk.router.call('accounts.register', PERSON, jar);
    expect(env).toMatchObject({ ok: false, error: { code: 'STORAGE_FULL', message: expect.stringMatching(/full; nothing was written/) } });
    fs.rmSync(filler);
    expect((await t.call('accounts.search', { query: PERSON.number, filters: {}, page: 1, pageSize: 5 }, jar)).items).toEqual([]);
    await t.call('accounts.register', PERSON, jar);
    expect((await t.call('accounts.search', { query: PERSON.number, filters: {}, page: 1, pageSize: 5 }, jar)).items).toHaveLength(1);
    await storeIsWhole(t.desk);
  });
});
