import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { PostgresRestoreError, restorePostgres } from '../../../src/main/backup/postgres-backup';
import { type Desk, openDesk } from '../../../src/main/desk';
import type { Database } from '../../../src/main/store/database';
import { PostgresDatabase } from '../../../src/main/store/postgres-database';
import { parseStoreLocation } from '../../../src/main/store/store-location';
import { type TestDesk, openTestDesk, signInFirstAdmin, tempDir, testProtector } from '../../support/desk-fixture';
import { asSuperuser } from '../../support/test-store';
import { TEST_KDF } from '../../support/kdf';

const BACKUP_PASSWORD = 'a long backup passphrase for the safe';
const RESTORED_PASSPHRASE = 'the restored desk has its own passphrase';

const opened: { close(): Promise<void> }[] = [];
const databases: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.close().catch(() => undefined)));
  await asSuperuser(async (c) => {
    for (const name of databases.splice(0)) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
});


/** An empty database to restore into. */
async function emptyDatabase(): Promise<string> {
  const name = `restore_${process.pid}_${databases.length}_${Date.now() % 100000}`;
  await asSuperuser((c) => c.query(`CREATE DATABASE "${name}"`));
  databases.push(name);
  return `${inject('pgBase')}/${name}`;
}

async function openAt(url: string): Promise<PostgresDatabase> {
  const db = await PostgresDatabase.open(parseStoreLocation(url) as never);
  opened.push(db);
  return db;
}

/** Every row of every table but the key ring (whose wrapping a restore changes), as text. */
async function contents(db: Database): Promise<Record<string, string>> {
  const tables = await db.reader.all<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'keyring' ORDER BY tablename",
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    out[name] = (await db.reader.all(`SELECT * FROM "${name}"`)).map((row) => JSON.stringify(row)).sort().join('\n');
  }
  return out;
}

/** The live store as the backup saw it: without the audit entry of the backup itself, written once it was made. */
async function liveBefore(t: TestDesk, backupFile: string): Promise<Record<string, string>> {
  const live = await contents(t.desk.db);
  const entries = live.audit_log!.split('\n').filter((line) => !(line.includes('"backup.create"') && line.includes(backupFile.split('/').pop()!)));
  return { ...live, audit_log: entries.join('\n') };
}

async function deskWithData(): Promise<{ t: TestDesk; jar: Awaited<ReturnType<typeof signInFirstAdmin>>['jar'] }> {
  const t = await openTestDesk();
  opened.push(t);
  const { jar } = await signInFirstAdmin(t);
  await t.call(
    'accounts.register',
    {
      realName: 'Visitor ABC',
      category: 'visiting',
      number: 'V20260001',
      department: '国际合作与交流处',
      documentType: 'passport',
      documentNumber: 'E10000001',
      mobile: '13900000001',
      documentChecked: true,
    },
    jar,
  );
  return { t, jar };
}

describe('PostgreSQL store backup and restore (pg_dump, pg_restore)', () => {
  it('backs up through the console; the restore into an empty database holds every row of every table, and serves', async () => {
    const { t, jar } = await deskWithData();
    const made = await t.call('backup.create', { password: BACKUP_PASSWORD }, jar);
    expect(made.fileName).toMatch(/^jaccount-desk-\d{8}-\d{6}Z\.pgbackup$/);
    expect(fs.statSync(made.path).mode & 0o777).toBe(0o600);
    expect(made.tables.accounts).toBe(1);
    const listed = await t.call('backup.list', {}, jar);
    expect(listed.files.map((f) => f.fileName)).toContain(made.fileName);

    const target = await openAt(await emptyDatabase());
    const { tables } = await restorePostgres({ backupFile: made.path, password: BACKUP_PASSWORD, db: target, protector: testProtector(RESTORED_PASSPHRASE) });
    expect(tables).toEqual(made.tables);
    expect(await contents(target)).toEqual(await liveBefore(t, made.path));

    const restored: Desk = await openDesk({
      dataDir: tempDir(),
      protector: testProtector(RESTORED_PASSPHRASE),
      kdf: TEST_KDF,
      store: target.location,
    });
    opened.push(restored);
    // The chain's key derives from the data key: a chain that verifies is the backup's own key, opened by the new passphrase.
    expect(await restored.audit.verify()).toMatchObject({ ok: true, firstBroken: null });
  });

  it('refuses a wrong password, a database that is not empty and a file that is no backup, writing nothing', async () => {
    const { t, jar } = await deskWithData();
    const made = await t.call('backup.create', { password: BACKUP_PASSWORD }, jar);
    const url = await emptyDatabase();
    const target = await openAt(url);
    const restore = (file: string, password = BACKUP_PASSWORD, db = target) =>
      restorePostgres({ backupFile: file, password, db, protector: testProtector(RESTORED_PASSPHRASE) });
    await expect(restore(made.path, 'not the backup password!')).rejects.toThrow(new PostgresRestoreError('The backup password does not open this backup.'));
    const notBackup = `${tempDir()}/x.pgbackup`;
    fs.writeFileSync(notBackup, 'hello\n');
    await expect(restore(notBackup)).rejects.toThrow(/is not a desk backup of a PostgreSQL store/);
    expect(await contents(target)).toEqual({});
    await expect(restore(made.path, BACKUP_PASSWORD, t.desk.db as PostgresDatabase)).rejects.toThrow(/already holds tables; restore into an empty database/);
  });

  it('restores from the command line with --store', async () => {
    const { t, jar } = await deskWithData();
    const made = await t.call('backup.create', { password: BACKUP_PASSWORD }, jar);
    const url = await emptyDatabase();
    const env = { ...process.env, DESK_BACKUP_PASSWORD: BACKUP_PASSWORD, DESK_PASSPHRASE: RESTORED_PASSPHRASE };
    const out = execFileSync(process.execPath, ['out/main/restore.js', made.path, '--store', url, '--data-dir', tempDir()], { env, encoding: 'utf8' });
    expect(out).toContain(`Restored ${made.path} into PostgreSQL postgres@127.0.0.1:`);
    expect(out).toContain(': 1 accounts,');
    const target = await openAt(url);
    expect(await contents(target)).toEqual(await liveBefore(t, made.path));
  });
});
