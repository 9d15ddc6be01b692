import type { Queryable } from '../store/database';

/** An account's status history (table `account_status_events`): who moved it from what to what, and why. */
export interface StatusEventRow {
  at: string;
  from_status: string | null;
  to_status: string;
  reason: string;
  actor: string;
}

export async function recordStatusEvent(
  tx: Queryable,
  event: { accountId: number; from: string | null; to: string; reason: string; actor: string },
  now: Date,
) {
  await tx.run('INSERT INTO account_status_events (account_id, at, from_status, to_status, reason, actor) VALUES (?,?,?,?,?,?)', [
    event.accountId,
    now.toISOString(),
    event.from,
    event.to,
    event.reason,
    event.actor,
  ]);
}

/** The account's latest status events, newest first. */
export function recentStatusEvents(db: Queryable, accountId: number, limit: number): Promise<StatusEventRow[]> {
  return db.all<StatusEventRow>(
    'SELECT at, from_status, to_status, reason, actor FROM account_status_events WHERE account_id = ? ORDER BY at DESC, id DESC LIMIT ?',
    [accountId, limit],
  );
}
