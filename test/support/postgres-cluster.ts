import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Debian's PostgreSQL 15 binaries (.ci/run installs the package where they are missing). */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface Cluster {
  /** A superuser's URL without a database: add `/name`. */
  base: string;
  port: number;
  dir: string;
  stop(): void;
  start(): void;
}

/** initdb and pg_ctl refuse root: as root they run as the `postgres` user, in a folder it owns. */
function asOwner(cmd: string, args: string[]): string[] {
  return process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', cmd, ...args] : [cmd, ...args];
}

function run(cmd: string, args: string[]): void {
  const [bin, ...rest] = asOwner(cmd, args);
  const result = spawnSync(bin!, rest, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A throwaway cluster on a free loopback port, trusted local connections only, tuned for tests
 * (no fsync: the cluster dies with the run).
 */
export async function startCluster(o: { hba?: string[] } = {}): Promise<Cluster> {
  if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) {
    throw new Error(`PostgreSQL's binaries are not in ${PG_BIN}: apt-get install -y postgresql (or set PG_BIN)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-pg-'));
  fs.chmodSync(dir, 0o755);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  run(path.join(PG_BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  if (o.hba?.length) {
    // pg_hba.conf is first match wins: these lines go before initdb's trust lines.
    const hba = path.join(data, 'pg_hba.conf');
    fs.writeFileSync(hba, `${o.hba.join('\n')}\n${fs.readFileSync(hba, 'utf8')}`);
  }
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400`;
  const start = () => run(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']);
  const stop = () => run(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  return { base: `postgres://postgres@127.0.0.1:${port}`, port, dir, start, stop };
}
