import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/desk-fixture';
import { startHeadlessDesk } from '../support/headless-desk';

describe('the headless shell process (out/main/serve.js)', () => {
  it('prints its address and the first admin once, and refuses a second desk on the same data directory', async () => {
    const first = await startHeadlessDesk();
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(first.admin?.username).toBe('admin');
      expect(fs.statSync(path.join(first.dataDir, 'desk.passphrase')).mode & 0o777).toBe(0o600);
      await expect(startHeadlessDesk({ dataDir: first.dataDir })).rejects.toThrow(/already using/);
    } finally {
      expect(await first.stop()).toBe(0);
    }
    const again = await startHeadlessDesk({ dataDir: first.dataDir });
    try {
      expect(again.admin).toBeNull();
      expect(again.output()).not.toContain('one-time password');
    } finally {
      await again.stop();
    }
  });

  it('refuses a store written by a newer desk with a clear message', async () => {
    const desk = await startHeadlessDesk();
    await desk.stop();
    const sqlite3 = (await import('sqlite3')).default;
    await new Promise<void>((resolve, reject) => {
      const db = new sqlite3.Database(path.join(desk.dataDir, 'desk.sqlite'));
      db.exec('PRAGMA user_version = 999', (err) => db.close(() => (err ? reject(err) : resolve())));
    });
    await expect(startHeadlessDesk({ dataDir: desk.dataDir })).rejects.toThrow(/newer desk \(schema version 999/);
  });

  it('refuses a wrong passphrase without touching the store', async () => {
    const desk = await startHeadlessDesk();
    await desk.stop();
    await expect(
      startHeadlessDesk({ dataDir: desk.dataDir, env: { DESK_PASSPHRASE: 'a-different-passphrase-entirely' } }),
    ).rejects.toThrow(/does not open this desk's data key/);
  });

  it('imports a registrar file from the command line with progress and a report, printing the first admin on a new store', () => {
    const dataDir = tempDir();
    const run = (...args: string[]) => execFileSync(process.execPath, ['out/main/import.js', ...args, '--data-dir', dataDir], { encoding: 'utf8' });
    const first = run('test/fixtures/registrar-malformed.csv');
    expect(first).toMatch(/one-time password: \S+/);
    expect(first).toContain('6 / 6 rows');
    expect(first).toContain('1 created, 0 updated, 0 unchanged, 5 rejected');
    expect(first).toContain('line 2: documentNumber (check_character)');
    expect(run('test/fixtures/registrar-malformed.csv')).toContain('0 created, 0 updated, 1 unchanged, 5 rejected');
    expect(() => run('no-such-file.csv')).toThrow(/does not exist/);
  });
});
