import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type ShellConfig } from '../config';
import { STORE_FILE } from '../store/open-store';

export const GENERATED_PASSPHRASE_FILE = 'desk.passphrase';

/**
 * The headless shell's passphrase: DESK_PASSPHRASE, else the named file, else (first run
 * only) a generated one written next to the store with mode 0600, which the shell reports.
 */
export function resolvePassphrase(config: ShellConfig): { passphrase: string; generatedAt: string | null } {
  if (config.passphrase) return { passphrase: config.passphrase, generatedAt: null };
  const file = config.passphraseFile ?? path.join(config.dataDir, GENERATED_PASSPHRASE_FILE);
  if (fs.existsSync(file)) return { passphrase: fs.readFileSync(file, 'utf8').trim(), generatedAt: null };
  if (config.passphraseFile) throw new ConfigError(`passphrase-file: ${file} does not exist`);
  if (config.store.engine === 'postgres') {
    throw new ConfigError(
      'A PostgreSQL store is shared by every desk on it, so its passphrase is never generated: give it with DESK_PASSPHRASE or --passphrase-file.',
    );
  }
  if (fs.existsSync(path.join(config.dataDir, STORE_FILE))) {
    throw new ConfigError(
      `The store in ${config.dataDir} exists but no passphrase was given: set DESK_PASSPHRASE or --passphrase-file.`,
    );
  }
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const passphrase = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${passphrase}\n`, { mode: 0o600, flag: 'wx' });
  return { passphrase, generatedAt: file };
}
