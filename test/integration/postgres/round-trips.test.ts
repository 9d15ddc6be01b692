import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { PostgresDatabase } from '../../../src/main/store/postgres-database';
import { parseStoreLocation } from '../../../src/main/store/store-location';
import { asSuperuser } from '../../support/test-store';

/** Calls into pg's Client.query: one round trip to the server each. */
function countTrips() {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const sent: string[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    sent.push(typeof first === 'string' ? first : (first.text ?? '(copy)'));
    return original.apply(this, args);
  };
  return { sent, stop: () => void (proto.query = original) };
}

describe('PostgreSQL write transactions', () => {
  const name = `trips_${process.pid}`;
  let db: PostgresDatabase;
  beforeAll(async () => {
    await asSuperuser((c) => c.query(`CREATE DATABASE ${name}`));
    db = await PostgresDatabase.open(parseStoreLocation(`${inject('pgBase')}/${name}`) as never);
    await db.raw((conn) => conn.exec('CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)'));
  });
  afterAll(async () => {
    await db.close();
    await asSuperuser((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });
  const bodies = async () => (await db.reader.all<{ body: string }>('SELECT body FROM notes ORDER BY id')).map((r) => r.body);

  it('send BEGIN with the savepoint and RELEASE with COMMIT: three round trips for a one-statement call', async () => {
    const trips = countTrips();
    try {
      await db.write(async (tx) => {
        await tx.exec('SAVEPOINT handler');
        await tx.run('INSERT INTO notes (body) VALUES (?)', ['one']);
        await tx.exec('RELEASE handler');
      });
    } finally {
      trips.stop();
    }
    expect(trips.sent).toEqual(['BEGIN; SAVEPOINT handler', 'INSERT INTO notes (body) VALUES ($1)', 'RELEASE handler; COMMIT']);
    expect(await bodies()).toEqual(['one']);
  });

  it('send nothing for a transaction that ran no statement, committed or not', async () => {
    const trips = countTrips();
    try {
      await db.write(async (tx) => tx.exec('SAVEPOINT handler'));
      await expect(db.write(async () => Promise.reject(new Error('refused before any statement')))).rejects.toThrow('refused');
    } finally {
      trips.stop();
    }
    expect(trips.sent).toEqual([]);
  });

  it('roll back on a deferred statement that fails at commit, and on a failure after a write', async () => {
    await expect(
      db.write(async (tx) => {
        await tx.run('INSERT INTO notes (body) VALUES (?)', ['never']);
        await tx.exec('RELEASE no_such_savepoint');
      }),
    ).rejects.toThrow(/no_such_savepoint/);
    await expect(
      db.write(async (tx) => {
        await tx.exec('SAVEPOINT handler');
        await tx.run('INSERT INTO notes (body) VALUES (?)', ['undone']);
        throw new Error('the handler failed');
      }),
    ).rejects.toThrow('the handler failed');
    expect(await bodies()).not.toContain('never');
    expect(await bodies()).not.toContain('undone');
    // The connection went back to the pool clean: the next transaction works.
    await db.write((tx) => tx.run('INSERT INTO notes (body) VALUES (?)', ['after']));
    expect(await bodies()).toContain('after');
  });

  it('undo a savepoint and keep what follows it', async () => {
    await db.write(async (tx) => {
      await tx.exec('SAVEPOINT handler');
      await tx.run('INSERT INTO notes (body) VALUES (?)', ['rolled back to']);
      await tx.exec('ROLLBACK TO handler');
      await tx.exec('RELEASE handler');
      await tx.run('INSERT INTO notes (body) VALUES (?)', ['kept']);
    });
    expect(await bodies()).not.toContain('rolled back to');
    expect(await bodies()).toContain('kept');
  });
});
