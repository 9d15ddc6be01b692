import path from 'node:path';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { STORE_FILE } from '../../src/main/store/open-store';
import type { TestStore } from './test-store';

/**
 * What an attacker who holds the store itself can do, outside the desk: on SQLite, open the
 * file with a connection of their own (drop triggers in `sql` if they stand in the way); on
 * PostgreSQL, connect as a superuser with triggers switched off for the session.
 */
export async function tamperStore(store: TestStore, dir: string, sql: { sqlite: string; postgres: string } | string): Promise<void> {
  const text = typeof sql === 'string' ? sql : sql[store.engine];
  if (store.location.engine === 'postgres') {
    const client = new pg.Client({ connectionString: store.location.url });
    await client.connect();
    try {
      await client.query(`SET session_replication_role = replica; ${text}`);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new sqlite3.Database(path.join(dir, STORE_FILE));
  await new Promise<void>((resolve, reject) => db.exec(text, (err) => db.close(() => (err ? reject(err) : resolve()))));
}
