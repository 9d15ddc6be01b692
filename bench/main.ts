import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { runAccountsBench } from './accounts';
import { type DeskPlan, measureAccountsDesk } from './accounts-desk';
import { type BenchEntry, formatTable, info, writeResults } from './report';
import { runTokenServiceBench } from './token-service';
import { runCodesBench } from './codes';
import { runConsoleLoadBench } from './console-load';

/**
 * `npm run bench [-- --quick | --accounts N] [--seed N] [--samples N] [--suites accounts,tokens,codes,console] [--keep] [--out FILE]`
 *
 * Builds its own store in a temporary directory, measures, prints a table and writes
 * bench/results.json ({name, value, unit, target, ok}[]). Timings live here, never in tests.
 * Suites run in order; add a suite by appending its entries.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const USAGE = 'usage: npm run bench -- [--quick | --accounts N] [--seed N] [--samples N] [--suites accounts,tokens,codes,console] [--keep] [--out FILE]';
const SUITES = ['accounts', 'tokens', 'codes', 'console'];

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const arg = argv[i]!;
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value\n${USAGE}`);
  return value;
}

function whole(argv: readonly string[], name: string, fallback: number, min: number, max: number): number {
  const text = flag(argv, name);
  if (text === undefined) return fallback;
  const value = Number(text.replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name}: "${text}" is not a whole number from ${min} to ${max}`);
  return value;
}

/** The accounts suite's timings, in a desk process of its own (accounts-desk.ts); its lines pass through on stderr. */
function measureInChild(plan: DeskPlan): BenchEntry[] {
  const file = path.join(plan.dataDir, 'desk-plan.json');
  fs.writeFileSync(file, JSON.stringify(plan), { mode: 0o600 });
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--measure-desk', file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 2 ** 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as BenchEntry[];
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) return void process.stdout.write(`${USAGE}\n`);
  const planFile = flag(argv, 'measure-desk');
  if (planFile) {
    const plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as DeskPlan;
    const result = await measureAccountsDesk(plan, (line) => process.stderr.write(`${line}\n`));
    return void process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  const quick = argv.includes('--quick');
  const accounts = whole(argv, 'accounts', quick ? 50_000 : 1_000_000, 1_000, 10_000_000);
  const samples = whole(argv, 'samples', quick ? 500 : 2_000, 10, 100_000);
  const seed = whole(argv, 'seed', 1, 0, 0xffffffff);
  const suites = (flag(argv, 'suites') ?? SUITES.join(',')).split(',');
  const unknown = suites.filter((name) => !SUITES.includes(name));
  if (unknown.length) throw new Error(`--suites: unknown suite ${unknown.join(', ')} (known: ${SUITES.join(', ')})\n${USAGE}`);
  const out = path.resolve(flag(argv, 'out') ?? path.join(here, '../../bench/results.json'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-'));
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const started = performance.now();
  // Timings on a shared machine depend on what else runs: say so next to them.
  const entries: BenchEntry[] = [info('machine: CPUs', os.cpus().length, 'cpus'), info('machine: load average (1 min) at start', os.loadavg()[0]!, '')];
  try {
    if (suites.includes('accounts')) {
      const suite = await runAccountsBench({ dataDir, accounts, samples, seed, log });
      entries.push(...suite.entries, ...measureInChild(suite.plan));
    }
    if (suites.includes('tokens')) {
      entries.push(...(await runTokenServiceBench({ dataDir: path.join(dataDir, 'token-service'), requests: quick ? 2_000 : 10_000, log })));
    }
    if (suites.includes('codes')) entries.push(...(await runCodesBench({ ms: quick ? 1_000 : 3_000, log })));
    if (suites.includes('console')) {
      entries.push(...(await runConsoleLoadBench({ dataDir: path.join(dataDir, 'console-load'), samples: quick ? 300 : 1_000, log })));
    }
    entries.push(info('machine: load average (1 min) at end', os.loadavg()[0]!, ''));
  } finally {
    if (argv.includes('--keep')) log(`Store kept in ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
  writeResults(out, entries);
  const missed = entries.filter((e) => !e.ok);
  log('');
  log(formatTable(entries));
  log('');
  log(`${entries.length} measurements in ${((performance.now() - started) / 1000).toFixed(0)} s; written to ${out}`);
  log(missed.length ? `MISSED ${missed.length} target(s): ${missed.map((e) => e.name).join('; ')}` : 'All targets met.');
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${String((err as Error)?.stack ?? err)}\n`);
  process.exit(1);
});
