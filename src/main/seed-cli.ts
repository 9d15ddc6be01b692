import { type SeedSummary, seedAccounts } from './accounts/seed';
import { ConfigError, readShellConfig } from './config';
import { resolvePassphrase } from './crypto/headless-passphrase';
import { PassphraseProtector } from './crypto/passphrase-protector';
import { openDesk } from './desk';
import { STORE_FILE } from './store/open-store';
import { describeStartFailure } from './start-failure';
import { describeStore } from './store/store-location';

/**
 * `npm run seed -- --accounts 1000000 [--seed N] [--data-dir D] [--store postgres://...]`:
 * synthetic accounts for demos and benchmarks, sealed with the data key of the desk that owns
 * the store (SQLite in the data directory, or the PostgreSQL database of --store / DESK_STORE_URL,
 * whose passphrase comes from DESK_PASSPHRASE or --passphrase-file).
 */

const USAGE = 'usage: npm run seed -- --accounts N [--seed N] [--data-dir DIR] [--store postgres://user@host:port/database] [--passphrase-file FILE]';

function intFlag(argv: readonly string[], name: string, fallback: number | null, min: number, max: number): number {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) {
    if (fallback === null) throw new ConfigError(`--${name} is required\n${USAGE}`);
    return fallback;
  }
  const text = argv[i]!.includes('=') ? argv[i]!.slice(argv[i]!.indexOf('=') + 1) : argv[i + 1];
  const value = Number(text?.replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`--${name}: "${text ?? ''}" is not a whole number from ${min} to ${max.toLocaleString('en')}`);
  }
  return value;
}

const n = (x: number) => x.toLocaleString('en');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function share(counts: Record<string, number>, total: number): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${n(v)} (${((100 * v) / total).toFixed(1)}%)`)
    .join(', ');
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const accounts = intFlag(argv, 'accounts', null, 1, 10_000_000);
  const seed = intFlag(argv, 'seed', 1, 0, 0xffffffff);
  const config = readShellConfig(argv);
  const { passphrase, generatedAt } = resolvePassphrase(config);
  const desk = await openDesk({ dataDir: config.dataDir, protector: new PassphraseProtector(passphrase), store: config.store });
  const firstRun = desk.firstRun;
  const store = describeStore(config.store, config.dataDir, STORE_FILE);
  let summary: SeedSummary | null = null;
  try {
    const existing = await desk.store.reads.accounts.countAccounts();
    if (existing > 0) {
      const other = config.store.engine === 'postgres' ? 'an empty database (--store)' : 'an empty store (--data-dir)';
      throw new ConfigError(`the store ${store} already holds ${n(existing)} accounts; seed ${other}, so that the synthetic numbers cannot collide`);
    }
    process.stdout.write(`Seeding ${n(accounts)} synthetic accounts (seed ${seed}) into ${store}\n`);
    let reported = 0;
    summary = await seedAccounts(desk.db, desk.vault, desk.audit, {
      seed,
      count: accounts,
      now: new Date(),
      onProgress({ inserted, elapsedMs }) {
        if (inserted - reported < 50_000 && inserted < accounts) return;
        reported = inserted;
        const rate = inserted / (elapsedMs / 1000);
        const eta = (accounts - inserted) / rate;
        process.stdout.write(
          `  ${n(inserted).padStart(11)} / ${n(accounts)}  ${((100 * inserted) / accounts).toFixed(0).padStart(3)}%  ` +
            `${n(Math.round(rate)).padStart(7)} rows/s  elapsed ${seconds(elapsedMs)}  ETA ${eta.toFixed(0)} s\n`,
        );
      },
    });
  } finally {
    await desk.close();
    // Whatever happened to the seeding, the store exists now: its first admin must not be lost.
    const lines: string[] = [];
    if (summary) {
      lines.push(
        '',
        `Seeded ${n(summary.inserted)} accounts (ids ${summary.firstId}-${summary.lastId}) and ${n(summary.nameKeys)} name keys in ${seconds(summary.elapsedMs)} (${n(Math.round(summary.inserted / (summary.elapsedMs / 1000)))} rows/s).`,
        `  categories: ${share(summary.byCategory, summary.inserted)}`,
        `  status:     ${share(summary.byStatus, summary.inserted)}; locked now: ${n(summary.locked)}`,
        `  documents:  ${share(summary.byDocument, summary.inserted)}`,
        `  Latin-script names: ${n(summary.latinNames)}`,
        `Store: ${store}${config.store.engine === 'postgres' ? ` (data directory ${config.dataDir})` : ''}`,
      );
    }
    if (generatedAt) lines.push(`A passphrase protecting the data key was generated at ${generatedAt} (mode 0600).`);
    if (firstRun) {
      lines.push(
        '',
        'This run created the store, and a system administrator with it. These credentials are shown only this once:',
        `  username: ${firstRun.username}`,
        `  one-time password: ${firstRun.oneTimePassword}`,
        `Start the desk (npm run serve -- --data-dir ...${config.store.engine === 'postgres' ? ' --store ...' : ''}) and sign in; you will be asked to choose a new password and set up two-step verification.`,
      );
    }
    if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`seed: ${describeStartFailure(err)}\n`);
  process.exit(1);
});
