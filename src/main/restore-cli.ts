import fs from 'node:fs';
import { RestoreError, restoreStore } from './backup/store-backup';
import { PostgresRestoreError, POSTGRES_BACKUP_EXTENSION, restorePostgres } from './backup/postgres-backup';
import { ConfigError, type ShellConfig, readShellConfig } from './config';
import { STORE_FILE, openStore } from './store/open-store';
import type { PostgresDatabase } from './store/postgres-database';
import { describeStore } from './store/store-location';
import { resolvePassphrase } from './crypto/headless-passphrase';
import { PassphraseProtector } from './crypto/passphrase-protector';
import { describeStartFailure } from './start-failure';

const USAGE =
  'usage: npm run restore -- <jaccount-desk-….sqlite> --data-dir DIR [--passphrase-file FILE] [--backup-password-file FILE]\n' +
  '       npm run restore -- <jaccount-desk-….pgbackup> --store postgres://user@host:port/db [--passphrase-file FILE] [--backup-password-file FILE]\n' +
  '  the backup password comes from DESK_BACKUP_PASSWORD or --backup-password-file';

function backupPassword(argv: readonly string[]): string {
  const i = argv.indexOf('--backup-password-file');
  if (i >= 0) {
    const file = argv[i + 1];
    if (!file || !fs.existsSync(file)) throw new ConfigError(`backup-password-file: ${file ?? '(missing)'} does not exist`);
    return fs.readFileSync(file, 'utf8').trim();
  }
  if (process.env.DESK_BACKUP_PASSWORD) return process.env.DESK_BACKUP_PASSWORD;
  throw new ConfigError(`no backup password: set DESK_BACKUP_PASSWORD or pass --backup-password-file\n${USAGE}`);
}

/**
 * `npm run restore -- backup.sqlite --data-dir DIR`: makes a store backup (Settings → Backups)
 * the store of an empty data directory, protected by this headless desk's passphrase.
 */
async function main() {
  const argv = process.argv.slice(2);
  const valued = new Set(['--data-dir', '--passphrase-file', '--backup-password-file', '--store']);
  const file = argv.find((a, i) => !a.startsWith('--') && !valued.has(argv[i - 1] ?? ''));
  if (!file) throw new ConfigError(USAGE);
  const config = readShellConfig(argv);
  if (file.endsWith(POSTGRES_BACKUP_EXTENSION)) return restoreIntoPostgres(file, backupPassword(argv), config);
  if (config.store.engine === 'postgres') throw new ConfigError(`${file} is a backup of a SQLite store: it restores into a data directory (--data-dir), not --store\n${USAGE}`);
  if (!argv.includes('--data-dir') && !process.env.DESK_DATA_DIR) throw new ConfigError(`name the data directory to restore into\n${USAGE}`);
  const password = backupPassword(argv);
  const { passphrase, generatedAt } = resolvePassphrase(config);
  const { tables } = await restoreStore({
    backupFile: file,
    password,
    dataDir: config.dataDir,
    storeFile: STORE_FILE,
    protector: new PassphraseProtector(passphrase),
  });
  process.stdout.write(`Restored ${file} into ${config.dataDir}: ${tables.accounts ?? 0} accounts, ${tables.audit_log ?? 0} audit entries.\n`);
  if (generatedAt) process.stdout.write(`The restored store is protected by a new passphrase written to ${generatedAt} (mode 0600).\n`);
}

async function restoreIntoPostgres(file: string, password: string, config: ShellConfig) {
  if (config.store.engine !== 'postgres') throw new ConfigError(`${file} is a backup of a PostgreSQL store: name the empty database to restore into with --store\n${USAGE}`);
  const { passphrase } = resolvePassphrase(config);
  const db = (await openStore(config.store, config.dataDir)) as PostgresDatabase;
  try {
    const { tables } = await restorePostgres({ backupFile: file, password, db, protector: new PassphraseProtector(passphrase) });
    const where = describeStore(config.store, config.dataDir, STORE_FILE);
    process.stdout.write(`Restored ${file} into ${where}: ${tables.accounts ?? 0} accounts, ${tables.audit_log ?? 0} audit entries.\n`);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  const message = err instanceof RestoreError || err instanceof PostgresRestoreError ? err.message : describeStartFailure(err);
  process.stderr.write(`restore failed: ${message}\n`);
  process.exit(1);
});
