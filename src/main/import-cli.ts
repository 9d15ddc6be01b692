import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importAccounts } from './accounts/import-csv';
import { ConfigError } from './config';
import { firstRunLines, openHeadlessDesk } from './open-headless-desk';
import { describeStartFailure } from './start-failure';

const USAGE = 'usage: npm run import -- <file.csv> [--dry-run] [--data-dir DIR] [--passphrase-file FILE]';

/**
 * `npm run import -- registrar.csv`: the registrar import from the command line, with
 * progress. One transaction, audited as the operating-system user who ran it.
 */
async function main() {
  const argv = process.argv.slice(2);
  const file = argv.find((a, i) => !a.startsWith('--') && !['--data-dir', '--passphrase-file'].includes(argv[i - 1] ?? ''));
  if (!file) throw new ConfigError(USAGE);
  if (!fs.existsSync(file)) throw new ConfigError(`file: ${file} does not exist`);
  const dryRun = argv.includes('--dry-run');
  const content = fs.readFileSync(file);
  const { desk } = await openHeadlessDesk(argv);
  for (const line of firstRunLines(desk.firstRun)) process.stdout.write(`${line}\n`);
  const actor = `cli:${os.userInfo().username}`;
  try {
    const now = new Date();
    const report = await desk.store.write(async (repos) => {
      const result = await importAccounts(repos, desk.vault, {
        fileName: path.basename(file),
        content,
        dryRun,
        actor,
        now,
        onProgress: (done, total) => process.stdout.write(`\r${done.toLocaleString('en')} / ${total.toLocaleString('en')} rows`),
      });
      await desk.audit.append(
        repos,
        {
          actor,
          desk: null,
          action: 'accounts.import',
          target: `import:${path.basename(file)}`,
          outcome: 'success',
          detail: { dryRun, total: result.total, created: result.created, updated: result.updated, rejected: result.rejected.length },
        },
        now,
      );
      return result;
    });
    process.stdout.write('\n');
    process.stdout.write(
      `${dryRun ? 'Dry run (nothing written)' : `Imported as batch ${report.batchId}`}: ${report.total} rows in ${report.encoding}; ` +
        `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected.\n`,
    );
    for (const r of report.rejected) {
      process.stdout.write(`  line ${r.line}: ${r.fields.map((f) => `${f.field} (${f.reason})`).join(', ')}\n`);
    }
  } finally {
    await desk.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`import failed: ${describeStartFailure(err)}\n`);
  process.exit(1);
});
