import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningDesk {
  url: string;
  portalUrl: string;
  dataDir: string;
  admin: { username: string; oneTimePassword: string } | null;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const SERVE = path.resolve('out/main/serve.js');

/**
 * Written beside a desk's data when it runs on a store named by `--store`: a restart on the same
 * directory without one passes it again (with the passphrase it was given), and a test's own SQL
 * (store-tweaks.ts) finds the database.
 */
export const STORE_POINTER = 'headless-store.json';
export interface StorePointer {
  store: string;
  env: Record<string, string>;
}

export function storePointer(dataDir: string): StorePointer | null {
  const file = path.join(dataDir, STORE_POINTER);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as StorePointer) : null;
}

/**
 * Set by Playwright's global setup (test/e2e/postgres-global-setup.ts) when a project runs on
 * PostgreSQL: the run's cluster. A desk started in a test of such a project without a store of
 * its own gets a database of its own there (test/e2e/postgres-store.ts).
 */
export const E2E_PG_BASE_ENV = 'DESK_E2E_PG_BASE';

function storeFlag(args: readonly string[]): string | undefined {
  const i = args.findIndex((a) => a === '--store' || a.startsWith('--store='));
  if (i < 0) return undefined;
  return args[i]!.includes('=') ? args[i]!.slice(args[i]!.indexOf('=') + 1) : args[i + 1];
}

/** The flags and environment a desk on this data directory starts with: its own, its pointer's, or the e2e project's store. */
async function storeOptions(dataDir: string, args: string[], env: Record<string, string>): Promise<{ args: string[]; env: Record<string, string> }> {
  if (!storeFlag(args) && !env.DESK_STORE_URL) {
    const known = storePointer(dataDir);
    if (known) return { args: [...args, '--store', known.store], env: { ...known.env, ...env } };
    if (process.env[E2E_PG_BASE_ENV]) {
      const e2e = await import('../e2e/postgres-store');
      if (e2e.projectStore() === 'postgres') {
        const fresh = await e2e.freshPostgresStore();
        args = [...args, ...fresh.args];
        env = { ...fresh.env, ...env };
      }
    }
  }
  const store = storeFlag(args);
  if (store) {
    const pointer: StorePointer = { store, env: env.DESK_PASSPHRASE ? { DESK_PASSPHRASE: env.DESK_PASSPHRASE } : {} };
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, STORE_POINTER), JSON.stringify(pointer), { mode: 0o600 });
  }
  return { args, env };
}

/** Starts the built headless shell (`out/main/serve.js`) on a free loopback port in its own data directory. */
export async function startHeadlessDesk(options: { dataDir?: string; env?: Record<string, string>; args?: string[] } = {}): Promise<RunningDesk> {
  if (!fs.existsSync(SERVE)) throw new Error('out/main/serve.js is missing: run `npm run build` first');
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
  const { args, env } = await storeOptions(dataDir, options.args ?? [], options.env ?? {});
  const child: ChildProcess = spawn(process.execPath, [SERVE, '--port', '0', '--portal-port', '0', '--data-dir', dataDir, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the desk did not start:\n${out}`)), 20_000);
    const check = () => {
      const m = /listening at (http:\/\/\S+)/.exec(out);
      if (m && (!/First run/.test(out) || /one-time password: \S+/.test(out))) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => reject(new Error(`the desk exited with ${code}:\n${out}`)));
  });
  const username = /username: (\S+)/.exec(out)?.[1];
  const otp = /one-time password: (\S+)/.exec(out)?.[1];
  return {
    url,
    portalUrl: /End-user pages \(activation, sign-in\) at (http:\/\/\S+)/.exec(out)![1]!,
    dataDir,
    admin: username && otp ? { username, oneTimePassword: otp } : null,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
