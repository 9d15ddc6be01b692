import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { PassphraseProtector } from '../src/main/crypto/passphrase-protector';
import type { SessionCarrier } from '../src/main/rpc/context';
import { StoreUnreachableError, openStore } from '../src/main/store/open-store';
import { type StoreLocation, StoreLocationError, describeStore, parseStoreLocation } from '../src/main/store/store-location';
import { runAccountsBench } from './accounts';
import { type DeskPlan, KINDS, PASSPHRASE, TARGETS, measureAccountsDesk } from './accounts-desk';
import { type BenchEntry, ENGINE_NAMES, atMost, formatSideBySide, formatTable, info, onEngine, writeResults } from './report';
import { runTokenServiceBench } from './token-service';
import { runCodesBench } from './codes';
import { runConsoleLoadBench } from './console-load';

/**
 * `npm run bench [-- --quick | --accounts N] [--seed N] [--samples N] [--suites accounts,tokens,codes,console] [--keep] [--out FILE]
 *   [--store postgres://user@host:port/db [--passphrase-file FILE]]`
 *
 * Builds its own store in a temporary directory, measures, prints a table and writes
 * bench/results.json ({name, value, unit, target, ok, engine}[]). Timings live here, never in tests.
 * Suites run in order; add a suite by appending its entries.
 *
 * With --store, the accounts and tokens suites run again on that PostgreSQL database (which must
 * be empty; its passphrase from DESK_PASSPHRASE or --passphrase-file), after SQLite's, and the
 * table shows the two engines side by side. The identity codes need no store; the console suite
 * runs on SQLite only.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const USAGE =
  'usage: npm run bench -- [--quick | --accounts N] [--seed N] [--samples N] [--suites accounts,tokens,codes,console] [--keep] [--out FILE]\n' +
  '                        [--store postgres://user[:password]@host[:port]/database] [--passphrase-file FILE]';
const SUITES = ['accounts', 'tokens', 'codes', 'console'];
/** The suites that run on each engine when --store names a PostgreSQL database. */
const ON_BOTH = ['accounts', 'tokens'];
/** The environment variable that hands the store's passphrase to the measuring desk process (never a file). */
const CHILD_PASSPHRASE = 'DESK_BENCH_PASSPHRASE';

/** A mistake in what the bench was asked to do: reported as its message alone. */
class UsageError extends Error {}

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const arg = argv[i]!;
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value\n${USAGE}`);
  return value;
}

function whole(argv: readonly string[], name: string, fallback: number, min: number, max: number): number {
  const text = flag(argv, name);
  if (text === undefined) return fallback;
  const value = Number(text.replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`--${name}: "${text}" is not a whole number from ${min} to ${max}`);
  return value;
}

/** The accounts suite's timings, in a desk process of its own (accounts-desk.ts); its lines pass through on stderr. */
function measureInChild(plan: DeskPlan, passphrase: string): BenchEntry[] {
  const file = path.join(plan.dataDir, 'desk-plan.json');
  fs.writeFileSync(file, JSON.stringify(plan), { mode: 0o600 });
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--measure-desk', file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 2 ** 20,
    env: { ...process.env, [CHILD_PASSPHRASE]: passphrase },
  });
  return JSON.parse(out.trim().split('\n').pop()!) as BenchEntry[];
}

type PostgresLocation = Extract<StoreLocation, { engine: 'postgres' }>;

/**
 * --store: a PostgreSQL database, reachable, and empty (no table, view or sequence outside the
 * system schemas), with its passphrase; refused before anything is measured otherwise.
 */
async function postgresTarget(argv: readonly string[], dataDir: string, accounts: number): Promise<{ location: PostgresLocation; passphrase: string } | null> {
  const text = flag(argv, 'store');
  if (text === undefined) return null;
  const location = parseStoreLocation(text);
  if (location.engine !== 'postgres') throw new UsageError(`--store: give a PostgreSQL database (postgres://user@host:port/database); SQLite is always measured\n${USAGE}`);
  const file = flag(argv, 'passphrase-file');
  const passphrase = process.env.DESK_PASSPHRASE || (file ? fs.readFileSync(file, 'utf8').trim() : '');
  if (!passphrase) {
    throw new UsageError('--store: a PostgreSQL store is shared by every desk on it, so its passphrase is never generated: give it with DESK_PASSPHRASE or --passphrase-file');
  }
  try {
    new PassphraseProtector(passphrase); // refused now (too short) rather than after SQLite's suites
  } catch (err) {
    throw new UsageError(`--store: ${(err as Error).message}`);
  }
  const name = describeStore(location, dataDir, '');
  const db = await openStore(location, dataDir);
  let relations: { name: string }[];
  try {
    relations = await db.reader.all<{ name: string }>(
      `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
       ORDER BY 1`,
    );
  } finally {
    await db.close();
  }
  if (relations.length) {
    const shown = relations.slice(0, 5).map((r) => r.name).join(', ');
    throw new UsageError(
      `--store: ${name} is not empty (${relations.length} tables, views or sequences: ${shown}${relations.length > 5 ? ', ...' : ''}). ` +
        `The bench seeds ${accounts.toLocaleString('en')} synthetic accounts into it and creates its first administrator, so it needs an empty database of its own: ` +
        `create one (createdb -h ${location.host} -p ${location.port} -U ${location.user} NAME) or drop and re-create this one.`,
    );
  }
  return { location, passphrase };
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) return void process.stdout.write(`${USAGE}\n`);
  const planFile = flag(argv, 'measure-desk');
  if (planFile) {
    const plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as DeskPlan;
    const passphrase = process.env[CHILD_PASSPHRASE];
    if (!passphrase) throw new Error(`--measure-desk: no passphrase in ${CHILD_PASSPHRASE}`);
    const result = await measureAccountsDesk(plan, passphrase, (line) => process.stderr.write(`${line}\n`));
    return void process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  const quick = argv.includes('--quick');
  const accounts = whole(argv, 'accounts', quick ? 50_000 : 1_000_000, 1_000, 10_000_000);
  const samples = whole(argv, 'samples', quick ? 500 : 2_000, 10, 100_000);
  const seed = whole(argv, 'seed', 1, 0, 0xffffffff);
  const suites = (flag(argv, 'suites') ?? SUITES.join(',')).split(',');
  const unknown = suites.filter((name) => !SUITES.includes(name));
  if (unknown.length) throw new UsageError(`--suites: unknown suite ${unknown.join(', ')} (known: ${SUITES.join(', ')})\n${USAGE}`);
  const out = path.resolve(flag(argv, 'out') ?? path.join(here, '../../bench/results.json'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-'));
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const started = performance.now();
  // Timings on a shared machine depend on what else runs: say so next to them.
  const entries: BenchEntry[] = [info('machine: CPUs', os.cpus().length, 'cpus'), info('machine: load average (1 min) at start', os.loadavg()[0]!, '')];
  /** The entries of the suites that run on both engines when --store is given. */
  const paired: BenchEntry[] = [];
  const pair = (engine: 'sqlite' | 'postgres', from: BenchEntry[]) => {
    const tagged = onEngine(engine, from);
    entries.push(...tagged);
    paired.push(...tagged);
  };
  let postgres: Awaited<ReturnType<typeof postgresTarget>> = null;
  try {
    postgres = await postgresTarget(argv, dataDir, accounts);
    const bothEngines = postgres !== null && suites.some((name) => ON_BOTH.includes(name));
    // SQLite's suites first, as without --store; then the same on PostgreSQL, the tokens suite
    // right after the accounts suite, whose operator session it reuses (a store has one first admin).
    if (suites.includes('accounts')) {
      const suite = await runAccountsBench({ dataDir, passphrase: PASSPHRASE, accounts, samples, seed, log });
      pair('sqlite', [...suite.entries, ...measureInChild(suite.plan, PASSPHRASE)]);
    }
    if (suites.includes('tokens')) {
      pair('sqlite', await runTokenServiceBench({ dataDir: path.join(dataDir, 'token-service'), requests: quick ? 2_000 : 10_000, log }));
    }
    if (postgres) {
      const { location, passphrase } = postgres;
      let jar: SessionCarrier | undefined;
      if (suites.includes('accounts')) {
        log(`PostgreSQL: ${describeStore(location, dataDir, '')}`);
        const suite = await runAccountsBench({ dataDir: path.join(dataDir, 'postgres'), store: location, passphrase, accounts, samples, seed, log });
        jar = suite.jar;
        pair('postgres', [...suite.entries, ...measureInChild(suite.plan, passphrase)]);
      }
      if (suites.includes('tokens')) {
        const o = { dataDir: path.join(dataDir, 'postgres-token-service'), store: location, passphrase, jar, requests: quick ? 2_000 : 10_000, log };
        pair('postgres', await runTokenServiceBench(o));
      }
    }
    if (bothEngines) entries.push(...exactRatios(paired));
    if (suites.includes('codes')) entries.push(...(await runCodesBench({ ms: quick ? 1_000 : 3_000, log })));
    if (suites.includes('console')) {
      entries.push(...onEngine('sqlite', await runConsoleLoadBench({ dataDir: path.join(dataDir, 'console-load'), samples: quick ? 300 : 1_000, log })));
    }
    entries.push(info('machine: load average (1 min) at end', os.loadavg()[0]!, ''));
    writeResults(out, entries);
    const missed = entries.filter((e) => !e.ok);
    log('');
    if (bothEngines) {
      const rest = entries.filter((e) => !paired.includes(e));
      log(`SQLite (in a temporary data directory) and ${describeStore(postgres!.location, dataDir, '')}, the same synthetic accounts and requests, side by side:`);
      log('');
      log(formatSideBySide(paired));
      log('');
      log(rest.some((e) => e.engine) ? 'The machine, and the suites without a store or on SQLite only:' : 'The machine, and the suites without a store:');
      log('');
      log(formatTable(rest));
    } else {
      log(formatTable(entries));
      log('');
      log(
        postgres
          ? `PostgreSQL was not measured: only the ${ON_BOTH.join(' and ')} suites run on it (--suites).`
          : 'PostgreSQL was not measured (pass --store postgres://user@host:port/database, an empty database, with DESK_PASSPHRASE or --passphrase-file).',
      );
    }
    log('');
    log(`${entries.length} measurements in ${((performance.now() - started) / 1000).toFixed(0)} s; written to ${out}`);
    const label = (e: BenchEntry) => (postgres && e.engine ? `[${ENGINE_NAMES[e.engine]}] ${e.name}` : e.name);
    log(missed.length ? `MISSED ${missed.length} target(s): ${missed.map(label).join('; ')}` : 'All targets met.');
    if (postgres && bothEngines) log(`The PostgreSQL database now holds the bench's store: drop and re-create it to run the bench on it again.`);
  } finally {
    if (argv.includes('--keep')) log(`Store kept in ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The exact-lookup targets (3 ms on PostgreSQL, 2 ms on SQLite) as the one ratio this run can
 * judge whatever the machine: PostgreSQL's p99 over SQLite's, the same lookups in the same run.
 */
function exactRatios(paired: readonly BenchEntry[]): BenchEntry[] {
  const limit = TARGETS.postgres.exactRouterP99Ms / TARGETS.sqlite.exactRouterP99Ms;
  const p99 = (engine: 'sqlite' | 'postgres', kind: string) => paired.find((e) => e.engine === engine && e.name.startsWith(`exact ${kind}: router p99`))?.value;
  return KINDS.flatMap((kind) => {
    const [a, b] = [p99('sqlite', kind), p99('postgres', kind)];
    return a && b ? [atMost(`exact ${kind}: router p99, PostgreSQL / SQLite`, b / a, 'x', limit)] : [];
  });
}

main().catch((err: unknown) => {
  const known = [UsageError, StoreLocationError, StoreUnreachableError].some((t) => err instanceof t);
  process.stderr.write(`bench: ${known ? (err as Error).message : String((err as Error)?.stack ?? err)}\n`);
  process.exit(1);
});
