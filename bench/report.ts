import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Engine } from '../src/main/store/dialect';

/** One line of bench/results.json. `target` is a condition as text ("<= 2 ms"), or "info". */
export interface BenchEntry {
  name: string;
  value: number;
  unit: string;
  target: string;
  ok: boolean;
  /** The store engine the measurement ran on; absent where there is no store (the machine, identity codes). */
  engine?: Engine;
}

export const ENGINE_NAMES: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** The entries, each marked with the engine it ran on. */
export const onEngine = (engine: Engine, entries: readonly BenchEntry[]): BenchEntry[] => entries.map((e) => ({ ...e, engine }));

export function atMost(name: string, value: number, unit: string, limit: number): BenchEntry {
  return { name, value: round(value), unit, target: `<= ${limit} ${unit}`, ok: value <= limit };
}

export function atLeast(name: string, value: number, unit: string, limit: number): BenchEntry {
  return { name, value: round(value), unit, target: `>= ${limit} ${unit}`, ok: value >= limit };
}

export function info(name: string, value: number, unit: string): BenchEntry {
  return { name, value: round(value), unit, target: 'info', ok: true };
}

function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return Number(value.toFixed(digits));
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], q: number): number {
  if (!samples.length) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export interface Distribution {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function distribution(samples: readonly number[]): Distribution {
  return {
    n: samples.length,
    p50: percentile(samples, 0.5),
    p95: percentile(samples, 0.95),
    p99: percentile(samples, 0.99),
    max: percentile(samples, 1),
  };
}

/** Times `fn` once per item, in order; returns milliseconds. */
export async function timeEach<T>(items: readonly T[], fn: (item: T) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (const item of items) {
    const start = performance.now();
    await fn(item);
    out.push(performance.now() - start);
  }
  return out;
}

const shown = (e: BenchEntry) => `${e.value.toLocaleString('en', { maximumFractionDigits: 3 })} ${e.unit}`.trimEnd();

/** Columns padded to their widest cell; the columns in `right` aligned right. */
function grid(head: string[], rows: string[][], right: ReadonlySet<number>): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatTable(entries: readonly BenchEntry[]): string {
  const rows = entries.map((e) => [e.name, shown(e), e.target, e.ok ? 'ok' : 'MISSED']);
  return grid(['metric', 'value', 'target', ''], rows, new Set([1]));
}

/** A metric measured on both engines: one row of the side-by-side table. */
interface PairRow {
  name: string;
  sqlite?: BenchEntry;
  postgres?: BenchEntry;
}

/**
 * The SQLite and PostgreSQL entries paired by name, in SQLite's order; a metric only one engine
 * has stays next to the one measured before it on that engine.
 */
function pairs(entries: readonly BenchEntry[]): PairRow[] {
  const rows: PairRow[] = [];
  const at = new Map<string, number>();
  for (const engine of ['sqlite', 'postgres'] as const) {
    let last = -1;
    for (const e of entries.filter((x) => x.engine === engine)) {
      let i = at.get(e.name);
      if (i === undefined || rows[i]![engine]) {
        i = last + 1;
        rows.splice(i, 0, { name: e.name });
        for (const [name, j] of at) if (j >= i) at.set(name, j + 1);
        at.set(e.name, i);
      }
      rows[i]![engine] = e;
      last = i;
    }
  }
  return rows;
}

function ratio(row: PairRow): string {
  const a = row.sqlite?.value;
  const b = row.postgres?.value;
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || a === 0) return '—';
  const r = b / a;
  return `${r.toFixed(r >= 100 ? 0 : r >= 10 ? 1 : 2)} x`;
}

function pairTarget(row: PairRow): string {
  const a = row.sqlite?.target;
  const b = row.postgres?.target;
  if (a === b || b === undefined) return a ?? '';
  if (a === undefined) return b;
  return `${a} (SQLite), ${b} (PostgreSQL)`;
}

function pairResult(row: PairRow): string {
  const missed = (['sqlite', 'postgres'] as const).filter((engine) => row[engine] && !row[engine].ok);
  if (!missed.length) return 'ok';
  return missed.length === 2 ? 'MISSED (both)' : `MISSED (${ENGINE_NAMES[missed[0]!]})`;
}

/** The entries measured on an engine side by side: SQLite, PostgreSQL, and PostgreSQL / SQLite. */
export function formatSideBySide(entries: readonly BenchEntry[]): string {
  const rows = pairs(entries).map((row) => [
    row.name,
    row.sqlite ? shown(row.sqlite) : '—',
    row.postgres ? shown(row.postgres) : '—',
    ratio(row),
    pairTarget(row),
    pairResult(row),
  ]);
  return grid(['metric', 'SQLite', 'PostgreSQL', 'PostgreSQL / SQLite', 'target', ''], rows, new Set([1, 2, 3]));
}

export function writeResults(file: string, entries: readonly BenchEntry[]) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(entries, null, 2)}\n`);
}

/** A full collection, so that one phase's garbage (a million seeded rows) is not charged to the next. */
export function collectGarbage() {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/**
 * This process's peak RSS. getrusage's maxRSS survives exec on Linux, so in a child it may
 * report the parent's size at fork; /proc's high-water mark belongs to this image alone, and
 * resetPeakRss() starts it afresh.
 */
export function peakRssMiB(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Starts the peak RSS afresh at the current RSS (Linux: "5" to /proc/self/clear_refs), so one
 * phase's peak is not another's; false where it cannot be (then the peak is the process's).
 */
export function resetPeakRss(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}
