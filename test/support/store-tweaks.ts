import path from 'node:path';
import sqlite3 from 'sqlite3';

/** The five minutes after activation pass: the test moves the activation time back in the running desk's store itself. */
export function letActivationSettle(dataDir: string, username: string) {
  return new Promise<void>((resolve, reject) => {
    const db = new sqlite3.Database(path.join(dataDir, 'desk.sqlite'));
    db.run(
      "UPDATE accounts SET activation_sent_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-10 minutes') WHERE username = ?",
      [username],
      (err) => db.close(() => (err ? reject(err) : resolve())),
    );
  });
}
