import os from 'node:os';
import path from 'node:path';
import { type StoreLocation, parseStoreLocation } from './store/store-location';

export interface ShellConfig {
  dataDir: string;
  host: string;
  port: number;
  /** The end-user pages (activation now; sign-in and consent with the token service). */
  portalPort: number;
  passphrase: string | null;
  passphraseFile: string | null;
  /** `--store` / DESK_STORE_URL: a PostgreSQL database, or SQLite in the data directory. */
  store: StoreLocation;
}

export const DEFAULT_PORT = 7380;
export const DEFAULT_PORTAL_PORT = 7381;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'jaccount-desk');
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const arg = argv[i]!;
  if (arg.includes('=')) return arg.slice(arg.indexOf('=') + 1);
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new ConfigError(`--${name} needs a value`);
  return value;
}

/** Command-line flags win over environment variables, which win over defaults. */
function portOf(name: string, text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`${name}: "${text}" is not a port number (0-65535)`);
  return port;
}

export function readShellConfig(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ShellConfig {
  const port = portOf('port', flag(argv, 'port') ?? env.DESK_PORT ?? String(DEFAULT_PORT));
  const portalPort = portOf('portal-port', flag(argv, 'portal-port') ?? env.DESK_PORTAL_PORT ?? String(DEFAULT_PORTAL_PORT));
  const host = flag(argv, 'host') ?? env.DESK_HOST ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new ConfigError(`host: "${host}" is not a loopback address; the console listens on loopback only`);
  return {
    dataDir: path.resolve(flag(argv, 'data-dir') ?? env.DESK_DATA_DIR ?? defaultDataDir(env)),
    host,
    port,
    portalPort,
    passphrase: env.DESK_PASSPHRASE || null,
    passphraseFile: flag(argv, 'passphrase-file') ?? env.DESK_PASSPHRASE_FILE ?? null,
    store: parseStoreLocation(flag(argv, 'store') ?? env.DESK_STORE_URL),
  };
}
