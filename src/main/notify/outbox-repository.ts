import type { Language } from '../../shared/contract/common';
import type { NOTIFICATION_STATUSES, OutboxItem } from '../../shared/contract/notify';
import type { Queryable } from '../store/database';
import { skipLocked } from '../store/dialect';
import type { AdapterName } from './adapter';
import { MAX_ATTEMPTS } from './backoff';

export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export interface NotificationRow {
  id: number;
  channel: 'email' | 'sms';
  recipient_sealed: string;
  recipient_masked: string;
  language: Language;
  template: string;
  params_sealed: string;
  account_id: number | null;
  subject_ref: string | null;
  status: NotificationStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  adapter: AdapterName | null;
  code_expires_at: string | null;
  scrubbed_at: string | null;
  created_at: string;
  sent_at: string | null;
}

export function toOutboxItem(row: NotificationRow): OutboxItem {
  return {
    id: row.id,
    channel: row.channel,
    recipientMasked: row.recipient_masked,
    language: row.language,
    template: row.template,
    subjectRef: row.subject_ref,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: MAX_ATTEMPTS,
    nextAttemptAt: row.status === 'queued' ? row.next_attempt_at : null,
    lastError: row.last_error,
    adapter: row.adapter,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    codeExpiresAt: row.code_expires_at,
  };
}

export function findNotification(db: Queryable, id: number): Promise<NotificationRow | undefined> {
  return db.get<NotificationRow>('SELECT * FROM notifications WHERE id = ?', [id]);
}

/** A new message, queued and due at once; returns its id. */
export async function insertNotification(
  tx: Queryable,
  row: Pick<
    NotificationRow,
    'channel' | 'recipient_sealed' | 'recipient_masked' | 'language' | 'template' | 'params_sealed' | 'account_id' | 'subject_ref' | 'code_expires_at'
  >,
  now: Date,
): Promise<number> {
  const inserted = await tx.get<{ id: number }>(
    `INSERT INTO notifications (channel, recipient_sealed, recipient_masked, language, template, params_sealed,
       account_id, subject_ref, next_attempt_at, code_expires_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id`,
    [
      row.channel,
      row.recipient_sealed,
      row.recipient_masked,
      row.language,
      row.template,
      row.params_sealed,
      row.account_id,
      row.subject_ref,
      now.toISOString(),
      row.code_expires_at,
      now.toISOString(),
    ],
  );
  return inserted!.id;
}

/** The sealed parameters with the one-time code taken out, and when it was. */
export async function storeScrubbedParams(tx: Queryable, id: number, paramsSealed: string, now: Date): Promise<void> {
  await tx.run('UPDATE notifications SET params_sealed = ?, scrubbed_at = ? WHERE id = ?', [paramsSealed, now.toISOString(), id]);
}

/** Queued again by an operator: due now, with all its attempts ahead of it. */
export async function requeueNotification(tx: Queryable, id: number, now: Date): Promise<void> {
  await tx.run("UPDATE notifications SET status = 'queued', attempts = 0, next_attempt_at = ? WHERE id = ?", [now.toISOString(), id]);
}

export async function cancelNotification(tx: Queryable, id: number): Promise<void> {
  await tx.run("UPDATE notifications SET status = 'cancelled' WHERE id = ?", [id]);
}

/** A message whose code expired before it was delivered is not sent any more. */
export async function cancelExpiredUndelivered(tx: Queryable, id: number): Promise<void> {
  await tx.run(
    `UPDATE notifications SET status = 'cancelled', last_error = 'the one-time code expired before delivery'
      WHERE id = ? AND status IN ('queued','sending')`,
    [id],
  );
}

/** A message left sending by a desk that stopped, with no attempt left. */
export async function failAbandoned(tx: Queryable, id: number): Promise<void> {
  await tx.run(
    `UPDATE notifications SET status = 'failed', last_error = 'the desk stopped while sending; no attempt left'
      WHERE id = ? AND status = 'sending'`,
    [id],
  );
}

/** Whether any message is due: the dispatcher looks before it takes the writer, so an idle poll writes nothing. */
export async function anyDue(db: Queryable, now: Date): Promise<boolean> {
  return (await db.get("SELECT 1 AS due FROM notifications WHERE status IN ('queued','sending') AND next_attempt_at <= ? LIMIT 1", [now.toISOString()])) !== undefined;
}

/**
 * Takes the messages that are due (queued and due, or left `sending` past their lease by a
 * desk that stopped mid-send) in one statement, so no message is taken twice; each gets a
 * new lease and counts an attempt.
 */
export function claimDue(tx: Queryable, now: Date, leaseMs: number, limit: number): Promise<NotificationRow[]> {
  return tx.all<NotificationRow>(
    `UPDATE notifications SET status = 'sending', attempts = attempts + 1, next_attempt_at = ?
      WHERE id IN (SELECT id FROM notifications WHERE status IN ('queued','sending') AND next_attempt_at <= ?
                   ORDER BY next_attempt_at, id LIMIT ?${skipLocked(tx.engine)})
      RETURNING *`,
    [new Date(now.getTime() + leaseMs).toISOString(), now.toISOString(), limit],
  );
}

/** Messages whose code has expired and still holds it (to cancel or scrub), and messages left sending with no attempt left. */
export function findExpiredCodes(db: Queryable, now: Date): Promise<NotificationRow[]> {
  return db.all<NotificationRow>(
    'SELECT * FROM notifications WHERE scrubbed_at IS NULL AND code_expires_at IS NOT NULL AND code_expires_at <= ?',
    [now.toISOString()],
  );
}

export function findAbandoned(db: Queryable, now: Date): Promise<NotificationRow[]> {
  return db.all<NotificationRow>("SELECT * FROM notifications WHERE status = 'sending' AND next_attempt_at <= ? AND attempts >= ?", [
    now.toISOString(),
    MAX_ATTEMPTS,
  ]);
}

/** Records how a send ended, only if the message is still the one this desk took (status `sending`). */
export async function recordOutcome(
  tx: Queryable,
  id: number,
  change: { status: NotificationStatus; adapter: AdapterName | null; error: string | null; nextAttemptAt?: string; sentAt?: string },
): Promise<boolean> {
  const { changes } = await tx.run(
    `UPDATE notifications SET status = ?, adapter = ?, last_error = ?, next_attempt_at = coalesce(?, next_attempt_at),
       sent_at = coalesce(?, sent_at) WHERE id = ? AND status = 'sending'`,
    [change.status, change.adapter, change.error, change.nextAttemptAt ?? null, change.sentAt ?? null, id],
  );
  return changes === 1;
}

export async function listNotifications(
  db: Queryable,
  filter: { status?: NotificationStatus; channel?: 'email' | 'sms' },
  page: number,
  pageSize: number,
): Promise<{ rows: NotificationRow[]; total: number }> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.status) {
    where.push('status = ?');
    params.push(filter.status);
  }
  if (filter.channel) {
    where.push('channel = ?');
    params.push(filter.channel);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = await db.all<NotificationRow>(`SELECT * FROM notifications ${clause} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`, [
    ...params,
    pageSize,
    (page - 1) * pageSize,
  ]);
  const count = await db.get<{ n: number }>(`SELECT count(*) AS n FROM notifications ${clause}`, params);
  return { rows, total: count?.n ?? 0 };
}

/** Username reminders queued for the account since a time (a message per bound contact). */
export async function countUsernameRemindersSince(db: Queryable, accountId: number, since: Date): Promise<number> {
  const row = await db.get<{ n: number }>(
    "SELECT count(*) AS n FROM notifications WHERE account_id = ? AND template = 'username_reminder' AND created_at > ?",
    [accountId, since.toISOString()],
  );
  return row?.n ?? 0;
}
