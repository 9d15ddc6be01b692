import type { Queryable } from '../store/database';
import { forUpdate } from '../store/dialect';

/** Whose failures are counted: a staff member, or a name that is no staff member's (counted alike, so the answers match). */
export type LockSubject = { staffId: number } | { unknownName: string };

/** Forgotten a day after their last failure: only a lock's 15 minutes and a run of five matter. */
const UNKNOWN_KEPT_MS = 24 * 60 * 60 * 1000;

/** The lock, its row held to the commit: another desk's attempt for the same subject waits, then reads this one's outcome. */
export async function lockedUntil(db: Queryable, who: LockSubject): Promise<string | null> {
  const held = forUpdate(db.engine);
  const row =
    'staffId' in who
      ? await db.get<{ locked_until: string | null }>(`SELECT locked_until FROM staff WHERE id = ?${held}`, [who.staffId])
      : await db.get<{ locked_until: string | null }>(`SELECT locked_until FROM unknown_staff_lockouts WHERE username = ?${held}`, [who.unknownName]);
  return row?.locked_until ?? null;
}

/**
 * One more failure, unless the subject is locked by now (another desk's attempt got there
 * first): says whether it counted. The `limit`-th in a row locks until `until` and starts the
 * count again.
 */
export async function addFailure(tx: Queryable, who: LockSubject, limit: number, until: Date, now: Date): Promise<boolean> {
  if ('staffId' in who) {
    const { changes } = await tx.run(
      `UPDATE staff SET
         failed_attempts = CASE WHEN failed_attempts + 1 >= ? THEN 0 ELSE failed_attempts + 1 END,
         locked_until = CASE WHEN failed_attempts + 1 >= ? THEN ? ELSE locked_until END
       WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?)`,
      [limit, limit, until.toISOString(), who.staffId, now.toISOString()],
    );
    return changes > 0;
  }
  await tx.run('DELETE FROM unknown_staff_lockouts WHERE updated_at < ?', [new Date(now.getTime() - UNKNOWN_KEPT_MS).toISOString()]);
  const { changes } = await tx.run(
    // The stored row's columns are qualified (u.): on PostgreSQL a bare name there is ambiguous with excluded's.
    `INSERT INTO unknown_staff_lockouts AS u (username, failed_attempts, locked_until, updated_at) VALUES (?, 1, NULL, ?)
     ON CONFLICT (username) DO UPDATE SET
       failed_attempts = CASE WHEN u.failed_attempts + 1 >= ? THEN 0 ELSE u.failed_attempts + 1 END,
       locked_until = CASE WHEN u.failed_attempts + 1 >= ? THEN ? ELSE u.locked_until END,
       updated_at = excluded.updated_at
     WHERE u.locked_until IS NULL OR u.locked_until <= ?`,
    [who.unknownName, now.toISOString(), limit, limit, until.toISOString(), now.toISOString()],
  );
  return changes > 0;
}

export async function clearFailures(tx: Queryable, staffId: number): Promise<void> {
  await tx.run('UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = ?', [staffId]);
}
