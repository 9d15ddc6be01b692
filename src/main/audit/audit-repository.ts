import type { AuditEntry, AuditFilter } from '../../shared/contract/audit';
import type { Queryable } from '../store/database';

/** The SQL of the audit log (audit_log): append-only, so rows are only ever inserted and read. */

export interface AuditRow {
  seq: number;
  at: string;
  actor: string | null;
  desk: string | null;
  action: string;
  target: string | null;
  outcome: AuditEntry['outcome'];
  /** Canonical JSON. */
  detail: string;
  prev_hash: string;
  hash: string;
}

function where(filter: AuditFilter): { sql: string; params: string[] } {
  const clauses: string[] = [];
  const params: string[] = [];
  if (filter.actor) (clauses.push('actor = ?'), params.push(filter.actor));
  if (filter.action) (clauses.push('action LIKE ?'), params.push(`${filter.action}%`));
  if (filter.target) (clauses.push('target = ?'), params.push(filter.target));
  if (filter.outcome) (clauses.push('outcome = ?'), params.push(filter.outcome));
  if (filter.from) (clauses.push('at >= ?'), params.push(new Date(filter.from).toISOString()));
  if (filter.to) (clauses.push('at <= ?'), params.push(new Date(filter.to).toISOString()));
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** The newest entry's place in the chain; none in an empty log. */
export function lastLink(tx: Queryable): Promise<Pick<AuditRow, 'seq' | 'hash'> | undefined> {
  return tx.get<Pick<AuditRow, 'seq' | 'hash'>>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
}

/**
 * Appends `row` where the log still ends at `row.seq - 1`, in one statement (no read of the
 * last link first); false, and nothing written, when it ends elsewhere: another writer got
 * there first, or the link the caller remembered was from a transaction that rolled back. On
 * PostgreSQL, where several desks may append at once, migration 17's function does it under
 * the chain's lock, held to the end of the transaction, so a retry after a miss cannot miss again.
 */
export async function appendAuditRow(tx: Queryable, row: AuditRow): Promise<boolean> {
  const values = [row.seq, row.at, row.actor, row.desk, row.action, row.target, row.outcome, row.detail, row.prev_hash, row.hash];
  if (tx.engine === 'postgres') {
    const done = await tx.get<{ appended: boolean }>('SELECT desk_audit_append(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AS appended', values);
    return done?.appended === true;
  }
  const { changes } = await tx.run(
    'INSERT INTO audit_log (seq, at, actor, desk, action, target, outcome, detail, prev_hash, hash) ' +
      'SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE (SELECT max(seq) FROM audit_log) IS ?',
    [...values, row.seq === 1 ? null : row.seq - 1],
  );
  return changes === 1;
}

/** Up to `limit` entries from `seq` on, in chain order. */
export function auditRowsFrom(db: Queryable, seq: number, limit: number): Promise<AuditRow[]> {
  return db.all<AuditRow>('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?', [seq, limit]);
}

export async function countAuditRows(db: Queryable, filter: AuditFilter): Promise<number> {
  const w = where(filter);
  return (await db.get<{ n: number }>(`SELECT count(*) AS n FROM audit_log ${w.sql}`, w.params))?.n ?? 0;
}

/** The matching entries, newest first. */
export function auditRowsPage(db: Queryable, filter: AuditFilter, limit: number, offset: number): Promise<AuditRow[]> {
  const w = where(filter);
  return db.all<AuditRow>(`SELECT * FROM audit_log ${w.sql} ORDER BY seq DESC LIMIT ? OFFSET ?`, [...w.params, limit, offset]);
}

/** Every matching entry, oldest first. */
export function auditRows(db: Queryable, filter: AuditFilter): Promise<AuditRow[]> {
  const w = where(filter);
  return db.all<AuditRow>(`SELECT * FROM audit_log ${w.sql} ORDER BY seq`, w.params);
}

/** An entry without its links in the chain: what the screens show. */
export type AuditEntryRow = Omit<AuditRow, 'prev_hash' | 'hash'>;

/** The latest entries about one target, newest first, leaving out the actions named. */
export function auditRowsAbout(db: Queryable, target: string, leaveOut: readonly string[], limit: number): Promise<AuditEntryRow[]> {
  const leavingOut = leaveOut.length ? ` AND action NOT IN (${leaveOut.map(() => '?').join(',')})` : '';
  return db.all<AuditEntryRow>(
    `SELECT seq, at, actor, desk, action, target, outcome, detail FROM audit_log WHERE target = ?${leavingOut} ORDER BY seq DESC LIMIT ?`,
    [target, ...leaveOut, limit],
  );
}
