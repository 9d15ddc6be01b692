import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RestoreError, restoreStore } from '../../src/main/backup/store-backup';
import { tableCounts } from '../../src/main/backup/store-backup-repository';
import { type Desk, openDesk } from '../../src/main/desk';
import type { Database } from '../../src/main/store/database';
import { STORE_FILE } from '../../src/main/store/open-store';
import { SqliteDatabase } from '../../src/main/store/sqlite-database';
import { type TestDesk, openTestDesk, signInFirstAdmin, tempDir, testProtector } from '../support/desk-fixture';
import { TEST_KDF } from '../support/kdf';
import { startHeadlessDesk } from '../support/headless-desk';
import { signedInStaff } from '../support/key-admins';

const BACKUP_PASSWORD = 'a long backup passphrase for the safe';
const RESTORED_PASSPHRASE = 'the restored desk has its own passphrase';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.close().catch(() => undefined)));
});
async function desk(): Promise<TestDesk> {
  const t = await openTestDesk();
  opened.push(t);
  return t;
}
async function restoredDeskAt(dir: string): Promise<Desk> {
  const d = await openDesk({ dataDir: dir, protector: testProtector(RESTORED_PASSPHRASE), kdf: TEST_KDF });
  opened.push(d);
  return d;
}

/** Every row of every table but the key ring (whose wrapping a restore changes), as text. */
async function contents(db: Database): Promise<Record<string, string>> {
  const tables = await db.reader.all<{ name: string }>(
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'keyring' ORDER BY name",
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    out[name] = (await db.reader.all(`SELECT * FROM "${name}"`)).map((row) => JSON.stringify(row)).sort().join('\n');
  }
  return out;
}

function person(i: number) {
  return {
    realName: `Visitor ${[...String(i)].map((d) => 'ABCDEFGHIJ'[Number(d)]).join('')}`,
    category: 'visiting' as const,
    number: `V2026${String(i).padStart(4, '0')}`,
    department: '国际合作与交流处',
    documentType: 'passport' as const,
    documentNumber: `E${String(10000000 + i)}`,
    mobile: `1390000${String(i).padStart(4, '0')}`,
    documentChecked: true as const,
  };
}

async function restoreInto(file: string, dir = tempDir()) {
  await restoreStore({ backupFile: file, password: BACKUP_PASSWORD, dataDir: dir, storeFile: STORE_FILE, protector: testProtector(RESTORED_PASSPHRASE) });
  return dir;
}

describe('store backup and restore', () => {
  it('backs the store up while the desk serves writes; the restore holds every row and key of the backup', async () => {
    const source = await desk();
    const { jar } = await signInFirstAdmin(source);
    for (let i = 0; i < 5; i++) await source.call('accounts.register', person(i), jar);

    // Registrations keep coming while the backup runs.
    let writing = true;
    let written = 5;
    const writer = (async () => {
      while (writing) await source.call('accounts.register', person(written++), jar);
    })();
    await new Promise((r) => setTimeout(r, 50));
    const made = await source.call('backup.create', { password: BACKUP_PASSWORD }, jar);
    writing = false;
    await writer;
    expect(written).toBeGreaterThan(6);
    expect(made.fileName).toMatch(/^jaccount-desk-\d{8}-\d{6}Z\.sqlite$/);
    expect(fs.statSync(made.path).mode & 0o777).toBe(0o600);
    expect(made.tables.accounts).toBeGreaterThanOrEqual(5);
    expect(fs.readdirSync(path.dirname(made.path)).filter((f) => f.includes('partial'))).toEqual([]);

    // The backup file holds exactly what it says, and the restore exactly what the backup holds.
    const backupCopy = await SqliteDatabase.open(made.path);
    const inBackup = await contents(backupCopy);
    expect(await tableCounts(backupCopy)).toEqual(made.tables);
    await backupCopy.close();
    const dir = await restoreInto(made.path);
    const restored = await restoredDeskAt(dir);
    expect(await contents(restored.db)).toEqual(inBackup);
    expect(await restored.db.reader.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
    expect(await restored.audit.verify()).toMatchObject({ ok: true, firstBroken: null });
    // Signing keys, sealed under the data key, open in the restored desk as they did in the source.
    const keysThen = (await source.desk.keys.signingKeySet()).privateJwks;
    expect((await restored.keys.signingKeySet()).privateJwks).toEqual(keysThen);
    // The audit log records the backup, without the password.
    const entries = await source.call('audit.list', { filter: { action: 'backup.create' }, page: 1, pageSize: 10 }, jar);
    expect(JSON.stringify(entries)).not.toContain(BACKUP_PASSWORD);
    expect(entries.entries[0]).toMatchObject({ action: 'backup.create', outcome: 'success', target: `backup:${made.fileName}` });
  });

  it('refuses a wrong password, a store in the way and a file that is no backup, leaving nothing behind', async () => {
    const source = await desk();
    const { jar } = await signInFirstAdmin(source);
    const made = await source.call('backup.create', { password: BACKUP_PASSWORD }, jar);
    const empty = tempDir();
    await expect(
      restoreStore({ backupFile: made.path, password: 'not the backup password!', dataDir: empty, storeFile: STORE_FILE, protector: testProtector(RESTORED_PASSPHRASE) }),
    ).rejects.toThrow(new RestoreError('The backup password does not open this backup.'));
    expect(fs.readdirSync(empty)).toEqual([]);
    await expect(restoreInto(made.path, source.dir)).rejects.toThrow(/already holds a store/);
    const junk = path.join(tempDir(), 'junk.sqlite');
    fs.writeFileSync(junk, 'this is not a database, only text long enough to look like one '.repeat(100));
    await expect(restoreInto(junk, empty)).rejects.toThrow(/is not a desk backup/);
    expect(fs.readdirSync(empty)).toEqual([]);
  });

  it('needs backup.manage and a password of 16 characters; a refused call writes no file', async () => {
    const source = await desk();
    const { jar } = await signInFirstAdmin(source);
    const { jar: operator } = await signedInStaff(source, jar, 'wang.counter', ['counter_operator']);
    expect(await source.fail('backup.create', { password: BACKUP_PASSWORD }, operator)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await source.fail('backup.create', { password: 'too short' }, jar)).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'password' }] });
    expect(fs.existsSync(path.join(source.dir, 'backups'))).toBe(false);
    expect((await source.call('backup.list', {}, jar)).files).toEqual([]);
  });

  it('restores from the command line into an empty directory, which then serves as a desk', async () => {
    const source = await desk();
    const { jar } = await signInFirstAdmin(source);
    await source.call('accounts.register', person(1), jar);
    const made = await source.call('backup.create', { password: BACKUP_PASSWORD }, jar);
    const dir = path.join(tempDir(), 'restored');
    const env = { ...process.env, DESK_BACKUP_PASSWORD: BACKUP_PASSWORD, DESK_PASSPHRASE: RESTORED_PASSPHRASE };
    const out = execFileSync(process.execPath, ['out/main/restore.js', made.path, '--data-dir', dir], { encoding: 'utf8', env });
    expect(out).toContain(`Restored ${made.path} into ${dir}: 1 accounts`);
    expect(() =>
      execFileSync(process.execPath, ['out/main/restore.js', made.path, '--data-dir', dir], { encoding: 'utf8', env, stdio: 'pipe' }),
    ).toThrow(/already holds a store/);
    const served = await startHeadlessDesk({ dataDir: dir, env: { DESK_PASSPHRASE: RESTORED_PASSPHRASE } });
    try {
      expect(served.admin).toBeNull();
      expect(served.output()).toContain('listening at');
    } finally {
      await served.stop();
    }
  });
});
