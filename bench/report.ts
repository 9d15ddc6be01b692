import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

/** One line of bench/results.json. `target` is a condition as text ("<= 2 ms"), or "info". */
export interface BenchEntry {
  name: string;
  value: number;
  unit: string;
  target: string;
  ok: boolean;
}

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

export function formatTable(entries: readonly BenchEntry[]): string {
  const rows = entries.map((e) => [e.name, `${e.value.toLocaleString('en', { maximumFractionDigits: 3 })} ${e.unit}`, e.target, e.ok ? 'ok' : 'MISSED']);
  const head = ['metric', 'value', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
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
