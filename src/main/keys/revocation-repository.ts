import type { RevocationRequestView } from '../../shared/contract/keys';
import type { Queryable } from '../store/database';

/** The SQL of emergency revocation requests (signing_key_revocations). */

export interface RevocationRow {
  id: number;
  kid: string;
  reason: string;
  requested_by: number;
  requested_at: string;
  expires_at: string;
  status: 'pending' | 'confirmed' | 'cancelled' | 'expired';
}

/** A pending request with its key and who asked. */
export interface PendingRequestRow extends RevocationRow {
  alg: RevocationRequestView['alg'];
  fingerprint: string;
  key_state: RevocationRequestView['keyState'];
  username: string;
  display_name: string;
}

/** Pending requests whose hour has passed at `now`. */
export function dueRequests(db: Queryable, now: Date): Promise<RevocationRow[]> {
  return db.all<RevocationRow>("SELECT * FROM signing_key_revocations WHERE status = 'pending' AND expires_at <= ?", [now.toISOString()]);
}

/** Whether any pending request's hour has passed at `now`. */
export async function anyRequestDue(db: Queryable, now: Date): Promise<boolean> {
  const row = await db.get("SELECT 1 AS due FROM signing_key_revocations WHERE status = 'pending' AND expires_at <= ? LIMIT 1", [
    now.toISOString(),
  ]);
  return row !== undefined;
}

/** Expired as of its own expiry time, if still pending. */
export async function markExpired(tx: Queryable, row: Pick<RevocationRow, 'id' | 'expires_at'>): Promise<void> {
  await tx.run("UPDATE signing_key_revocations SET status = 'expired', decided_at = ? WHERE id = ? AND status = 'pending'", [
    row.expires_at,
    row.id,
  ]);
}

/** Requests still open at `now`, oldest first. */
export function pendingRequestRows(db: Queryable, now: Date): Promise<PendingRequestRow[]> {
  return db.all<PendingRequestRow>(
    `SELECT r.*, k.alg, k.fingerprint, k.state AS key_state, s.username, s.display_name
     FROM signing_key_revocations r JOIN signing_keys k ON k.kid = r.kid JOIN staff s ON s.id = r.requested_by
     WHERE r.status = 'pending' AND r.expires_at > ? ORDER BY r.requested_at, r.id`,
    [now.toISOString()],
  );
}

/** The id of the pending request for this key, if there is one. */
export async function pendingRequestFor(db: Queryable, kid: string): Promise<number | null> {
  return (await db.get<{ id: number }>("SELECT id FROM signing_key_revocations WHERE kid = ? AND status = 'pending'", [kid]))?.id ?? null;
}

export async function insertRevocationRequest(
  tx: Queryable,
  request: { kid: string; reason: string; requestedBy: number; expiresAt: Date },
  now: Date,
): Promise<number> {
  const inserted = await tx.get<{ id: number }>(
    'INSERT INTO signing_key_revocations (kid, reason, requested_by, requested_at, expires_at) VALUES (?,?,?,?,?) RETURNING id',
    [request.kid, request.reason, request.requestedBy, now.toISOString(), request.expiresAt.toISOString()],
  );
  return inserted!.id;
}

export function findRevocationRequest(db: Queryable, id: number): Promise<RevocationRow | undefined> {
  return db.get<RevocationRow>('SELECT * FROM signing_key_revocations WHERE id = ?', [id]);
}

export async function decideRequest(tx: Queryable, id: number, status: 'confirmed' | 'cancelled', staffId: number, now: Date) {
  await tx.run("UPDATE signing_key_revocations SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'", [
    status,
    staffId,
    now.toISOString(),
    id,
  ]);
}

/** A key that leaves the JWKS another way takes its pending requests with it. */
export async function closeRequestsFor(tx: Queryable, kid: string, now: Date) {
  await tx.run("UPDATE signing_key_revocations SET status = 'cancelled', decided_at = ? WHERE kid = ? AND status = 'pending'", [
    now.toISOString(),
    kid,
  ]);
}
