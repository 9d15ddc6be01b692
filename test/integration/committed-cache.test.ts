import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommittedCache } from '../../src/main/store/committed-cache';
import type { Database } from '../../src/main/store/database';
import { SqliteDatabase } from '../../src/main/store/sqlite-database';
import { tempDir } from '../support/desk-fixture';

let db: Database;
let cache: CommittedCache<string, number>;
let loads = 0;
const read = async () => {
  loads += 1;
  return (await db.reader.get<{ v: number }>('SELECT v FROM t'))!.v;
};

beforeEach(async () => {
  db = await SqliteDatabase.open(path.join(tempDir(), 'cache.sqlite'));
  await db.write((tx) => tx.exec('CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1);'));
  cache = new CommittedCache(db, 'keys', 60_000);
  loads = 0;
});
afterEach(() => db.close());

describe('CommittedCache', () => {
  it('reads once, then answers from memory', async () => {
    expect(await cache.get('k', read)).toBe(1);
    expect(await cache.get('k', read)).toBe(1);
    expect(loads).toBe(1);
  });

  it('forgets as soon as the write that changed the value has committed', async () => {
    await cache.get('k', read);
    await db.write(async (tx) => {
      await tx.run('UPDATE t SET v = 2');
      cache.forgetAfterCommit();
    });
    expect(await cache.get('k', read)).toBe(2);
  });

  it('forgets on a commit that announces its topic, keeps it on any other, and keeps nothing while the change feed is down', async () => {
    await cache.get('k', read);
    await db.write(async (tx) => tx.announce?.('clients'));
    await cache.get('k', read);
    expect(loads).toBe(1);
    await db.write(async (tx) => {
      await tx.run('UPDATE t SET v = 3');
      tx.announce?.('keys');
    });
    expect(await cache.get('k', read)).toBe(3);
    expect(loads).toBe(2);
    db.changes.lost();
    await cache.get('k', read);
    await cache.get('k', read);
    expect(loads).toBe(4);
    db.changes.regained();
    await cache.get('k', read);
    await cache.get('k', read);
    expect(loads).toBe(5);
  });

  it('keeps the value when the write rolls back', async () => {
    await cache.get('k', read);
    await expect(
      db.write(async (tx) => {
        await tx.run('UPDATE t SET v = 5');
        cache.forgetAfterCommit();
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await cache.get('k', read)).toBe(1);
    expect(loads).toBe(1);
  });

  it('does not keep a value read while a change was committing', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let readIt!: () => void;
    // The read finishes before the change commits (a reader thread could otherwise run it after), the load after.
    const wasRead = new Promise<void>((resolve) => (readIt = resolve));
    const slow = cache.get('k', async () => {
      const value = await read();
      readIt();
      await gate;
      return value;
    });
    await wasRead;
    await db.write(async (tx) => {
      await tx.run('UPDATE t SET v = 3');
      cache.forgetAfterCommit();
    });
    release();
    expect(await slow).toBe(1);
    expect(await cache.get('k', read)).toBe(3);
  });
});
