import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { type ProbeInput, probeFreshDesk, runAccountsBench } from './accounts';
import { type BenchEntry, formatTable, info, writeResults } from './report';
import { runTokenServiceBench } from './token-service';
import { runCodesBench } from './codes';

/**
 * `npm run bench [-- --quick | --accounts N] [--seed N] [--samples N] [--suites accounts,tokens] [--keep] [--out FILE]`
 *
 * Builds its own store in a temporary directory, measures, prints a table and writes
 * bench/results.json ({name, value, unit, target, ok}[]). Timings live here, never in tests.
 * Suites run in order; add a suite by appending its entries.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const USAGE = 'usage: npm run bench -- [--quick | --accounts N] [--seed N] [--samples N] [--suites accounts,tokens] [--keep] [--out FILE]';
const SUITES = ['accounts', 'tokens', 'codes'];

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

/** The suite's process has seeded; a fresh one shows what a desk serving the store takes. */
function probeInChild(input: ProbeInput): BenchEntry[] {
  const file = path.join(input.dataDir, 'probe.json');
  fs.writeFileSync(file, JSON.stringify(input), { mode: 0o600 });
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--probe', file], { encoding: 'utf8' });
  const result = JSON.parse(out.trim().split('\n').pop()!) as Awaited<ReturnType<typeof probeFreshDesk>>;
  return [
    info(`fresh desk process: exact lookups, mixed kinds, router p50 (n=${result.n})`, result.p50, 'ms'),
    info('fresh desk process: exact lookups, mixed kinds, router p99', result.p99, 'ms'),
    info(`fresh desk process: RSS after ${2 * result.searches} searches`, result.rssMiB, 'MiB'),
    info('fresh desk process: RSS peak (scrypt of the passphrase included)', result.maxRssMiB, 'MiB'),
  ];
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) return void process.stdout.write(`${USAGE}\n`);
  const probe = flag(argv, 'probe');
  if (probe) {
    const result = await probeFreshDesk(JSON.parse(fs.readFileSync(probe, 'utf8')) as ProbeInput);
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
      entries.push(...suite.entries, ...probeInChild(suite.probe));
    }
    if (suites.includes('tokens')) {
      entries.push(...(await runTokenServiceBench({ dataDir: path.join(dataDir, 'token-service'), requests: quick ? 2_000 : 10_000, log })));
    }
    if (suites.includes('codes')) entries.push(...(await runCodesBench({ ms: quick ? 1_000 : 3_000, log })));
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
