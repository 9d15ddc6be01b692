import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DataKey, KeyProtector } from '../crypto/data-key';
import type { ScryptCost } from '../crypto/kdf-costs';
import { PassphraseProtector } from '../crypto/passphrase-protector';
import type { PostgresDatabase } from '../store/postgres-database';
import type { StoreLocation } from '../store/store-location';
import { emptyStore, exportSnapshot, isEmptyStore, putKeyring, tableCounts } from './store-backup-repository';

type PostgresLocation = Extract<StoreLocation, { engine: 'postgres' }>;

/**
 * A PostgreSQL store's backup: one file, a header line of JSON (the data key wrapped by the
 * backup password, the row count of every table) and then pg_dump's custom-format archive of
 * every table but the keyring, taken in the same snapshot the counts were.
 */
const MAGIC = 'jaccount-desk-postgres-backup';
export const POSTGRES_BACKUP_EXTENSION = '.pgbackup';
const BACKUP_PROTECTOR = 'backup-password';

interface Header {
  format: typeof MAGIC;
  version: 1;
  keyring: { protector: string; wrapped: string; createdAt: string };
  tables: Record<string, number>;
}

/** Where pg_dump and pg_restore are: PG_BIN, Debian's PostgreSQL 15, else the PATH. */
function tool(name: 'pg_dump' | 'pg_restore'): string {
  for (const dir of [process.env.PG_BIN, '/usr/lib/postgresql/15/bin']) {
    if (dir && fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return name;
}

/** The connection for a child tool: the password through the environment, never on a command line anyone can list. */
function connection(l: PostgresLocation): { args: string[]; env: NodeJS.ProcessEnv } {
  const url = new URL(l.url);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { args: ['--dbname', url.toString()], env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function runTool(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (err) => reject(new Error(`${path.basename(bin)} could not run: ${err.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} failed: ${stderr.trim().split('\n').pop()}`))));
  });
}

/** Writes the backup into `partial`; the caller names and checks it. Returns the table counts. */
export async function dumpPostgres(
  db: PostgresDatabase,
  dataKey: DataKey,
  o: { partial: string; password: string; cost?: ScryptCost },
): Promise<Record<string, number>> {
  const wrapped = await new PassphraseProtector(o.password, o.cost).wrap(dataKey.exportForWrapping());
  const archive = `${o.partial}.archive`;
  try {
    const { tables, keyringCreatedAt } = await exportSnapshot(db, async (snapshot) => {
      const { args, env } = connection(db.location);
      await runTool(
        tool('pg_dump'),
        [...args, '--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, '--exclude-table-data=keyring', '--file', archive],
        env,
      );
    });
    const header: Header = { format: MAGIC, version: 1, keyring: { protector: BACKUP_PROTECTOR, wrapped, createdAt: keyringCreatedAt }, tables };
    // Streamed: a million accounts' archive is more than one Buffer should hold.
    fs.writeFileSync(o.partial, `${JSON.stringify(header)}\n`, { flag: 'wx', mode: 0o600 });
    await pipeline(fs.createReadStream(archive), fs.createWriteStream(o.partial, { flags: 'a' }));
    return tables;
  } finally {
    fs.rmSync(archive, { force: true });
  }
}

export class PostgresRestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PostgresRestoreError';
  }
}

/** The header is one line of at most this much (a wrapped key and a count per table). */
const HEADER_MAX = 64 * 1024;

/** The backup's header, and where its archive starts. */
function readBackup(file: string): { header: Header; archiveStart: number } {
  const bytes = Buffer.alloc(HEADER_MAX);
  const fd = fs.openSync(file, 'r');
  const read = (() => {
    try {
      return fs.readSync(fd, bytes, 0, HEADER_MAX, 0);
    } finally {
      fs.closeSync(fd);
    }
  })();
  const end = bytes.subarray(0, read).indexOf(0x0a);
  let header: Header | null;
  try {
    header = end > 0 ? (JSON.parse(bytes.subarray(0, end).toString('utf8')) as Header) : null;
  } catch {
    header = null;
  }
  if (header?.format !== MAGIC || header.version !== 1) throw new PostgresRestoreError(`${file} is not a desk backup of a PostgreSQL store.`);
  return { header, archiveStart: end + 1 };
}

/**
 * Makes a backup the content of an empty PostgreSQL database: the backup password is checked
 * first, pg_restore runs in one transaction, the data key is wrapped for this desk, and every
 * table's rows are counted against the backup's. On any failure the database is left empty.
 */
export async function restorePostgres(o: {
  backupFile: string;
  password: string;
  db: PostgresDatabase;
  protector: KeyProtector;
}): Promise<{ tables: Record<string, number> }> {
  if (!fs.existsSync(o.backupFile)) throw new PostgresRestoreError(`${o.backupFile} does not exist.`);
  const { header, archiveStart } = readBackup(o.backupFile);
  let key: Buffer;
  try {
    key = await new PassphraseProtector(o.password).unwrap(header.keyring.wrapped);
  } catch {
    throw new PostgresRestoreError('The backup password does not open this backup.');
  }
  const l = o.db.location;
  if (!(await isEmptyStore(o.db))) {
    throw new PostgresRestoreError(`the database ${l.database} on ${l.host}:${l.port} already holds tables; restore into an empty database.`);
  }
  const scratch = path.join(fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'desk-restore-')), 'archive');
  try {
    await pipeline(fs.createReadStream(o.backupFile, { start: archiveStart }), fs.createWriteStream(scratch, { mode: 0o600 }));
    const { args, env } = connection(l);
    await runTool(tool('pg_restore'), [...args, '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', scratch], env);
    await putKeyring(o.db, { protector: o.protector.name, wrapped: await o.protector.wrap(key), createdAt: header.keyring.createdAt });
    const tables = await tableCounts(o.db);
    const expected: Record<string, number> = { ...header.tables, keyring: 1 };
    const differs = Object.keys({ ...expected, ...tables }).filter((t) => tables[t] !== expected[t]);
    if (differs.length) throw new PostgresRestoreError(`the restored store does not match the backup (tables ${differs.join(', ')}).`);
    return { tables };
  } catch (err) {
    await emptyStore(o.db).catch(() => undefined);
    throw err instanceof PostgresRestoreError ? err : new PostgresRestoreError(String((err as Error).message ?? err));
  } finally {
    fs.rmSync(path.dirname(scratch), { recursive: true, force: true });
  }
}
