import path from 'node:path';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { storePointer } from './headless-desk';

/** The five minutes after activation pass: the test moves the activation time back in the running desk's store itself. */
export async function letActivationSettle(dataDir: string, username: string) {
  const postgres = storePointer(dataDir);
  if (postgres) {
    const client = new pg.Client({ connectionString: postgres.store });
    await client.connect();
    try {
      await client.query('UPDATE accounts SET activation_sent_at = $1 WHERE username = $2', [new Date(Date.now() - 10 * 60_000).toISOString(), username]);
    } finally {
      await client.end();
    }
    return;
  }
  return new Promise<void>((resolve, reject) => {
    const db = new sqlite3.Database(path.join(dataDir, 'desk.sqlite'));
    db.run(
      "UPDATE accounts SET activation_sent_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-10 minutes') WHERE username = ?",
      [username],
      (err) => db.close(() => (err ? reject(err) : resolve())),
    );
  });
}
