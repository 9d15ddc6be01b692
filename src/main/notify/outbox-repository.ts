import type { Language } from '../../shared/contract/common';
import type { NOTIFICATION_STATUSES, OutboxItem } from '../../shared/contract/notify';
import type { DataKey } from '../crypto/data-key';
import type { Queryable } from '../store/database';
import type { AdapterName } from './adapter';
import { MAX_ATTEMPTS } from './backoff';
import { CODE_PARAM, openNotificationParams, sealNotificationParams } from './outbox';

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

/** Removes the one-time code from a message's sealed parameters; the rest stays for the screen. */
export async function scrubCode(tx: Queryable, dataKey: DataKey, row: NotificationRow, now: Date): Promise<void> {
  const params = openNotificationParams(dataKey, row.params_sealed);
  delete params[CODE_PARAM];
  await tx.run('UPDATE notifications SET params_sealed = ?, scrubbed_at = ? WHERE id = ?', [
    sealNotificationParams(dataKey, params),
    now.toISOString(),
    row.id,
  ]);
}

/**
 * Takes the messages that are due (queued and due, or left `sending` past their lease by a
 * desk that stopped mid-send) in one statement, so no message is taken twice; each gets a
 * new lease and counts an attempt.
 */
/** Whether any message is due: the dispatcher looks before it takes the writer, so an idle poll writes nothing. */
export async function anyDue(db: Queryable, now: Date): Promise<boolean> {
  return (await db.get("SELECT 1 AS due FROM notifications WHERE status IN ('queued','sending') AND next_attempt_at <= ? LIMIT 1", [now.toISOString()])) !== undefined;
}

export function claimDue(tx: Queryable, now: Date, leaseMs: number, limit: number): Promise<NotificationRow[]> {
  return tx.all<NotificationRow>(
    `UPDATE notifications SET status = 'sending', attempts = attempts + 1, next_attempt_at = ?
      WHERE id IN (SELECT id FROM notifications WHERE status IN ('queued','sending') AND next_attempt_at <= ?
                   ORDER BY next_attempt_at, id LIMIT ?)
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
  const params: string[] = [];
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
  ] as never);
  const count = await db.get<{ n: number }>(`SELECT count(*) AS n FROM notifications ${clause}`, params);
  return { rows, total: count?.n ?? 0 };
}
