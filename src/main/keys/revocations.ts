import type { RevocationRequestView } from '../../shared/contract/keys';
import { DeskError } from '../../shared/errors';
import { REVOCATION_REQUEST_TTL_SECONDS } from '../../shared/signing-keys';
import type { Queryable } from '../store/database';

/**
 * Emergency revocation, four eyes: one key admin requests it with a reason; a different staff
 * member holding keys.manage confirms it, from their own session, within the hour.
 */
export interface RevocationRow {
  id: number;
  kid: string;
  reason: string;
  requested_by: number;
  requested_at: string;
  expires_at: string;
  status: 'pending' | 'confirmed' | 'cancelled' | 'expired';
}

interface PendingViewRow extends RevocationRow {
  alg: RevocationRequestView['alg'];
  fingerprint: string;
  key_state: RevocationRequestView['keyState'];
  username: string;
  display_name: string;
}

/** Marks requests whose hour has passed; returns them, for the audit log. */
export async function expireRequests(tx: Queryable, now: Date): Promise<RevocationRow[]> {
  const stale = await tx.all<RevocationRow>("SELECT * FROM signing_key_revocations WHERE status = 'pending' AND expires_at <= ?", [
    now.toISOString(),
  ]);
  for (const row of stale) {
    await tx.run("UPDATE signing_key_revocations SET status = 'expired', decided_at = ? WHERE id = ? AND status = 'pending'", [
      row.expires_at,
      row.id,
    ]);
  }
  return stale;
}

export async function pendingRequests(db: Queryable, now: Date, viewerId: number | null): Promise<RevocationRequestView[]> {
  const rows = await db.all<PendingViewRow>(
    `SELECT r.*, k.alg, k.fingerprint, k.state AS key_state, s.username, s.display_name
     FROM signing_key_revocations r JOIN signing_keys k ON k.kid = r.kid JOIN staff s ON s.id = r.requested_by
     WHERE r.status = 'pending' AND r.expires_at > ? ORDER BY r.requested_at`,
    [now.toISOString()],
  );
  return rows.map((r) => ({
    id: r.id,
    kid: r.kid,
    alg: r.alg,
    fingerprint: r.fingerprint,
    keyState: r.key_state,
    reason: r.reason,
    requestedBy: { username: r.username, displayName: r.display_name },
    requestedAt: r.requested_at,
    expiresAt: r.expires_at,
    mine: viewerId !== null && r.requested_by === viewerId,
  }));
}

export async function insertRequest(tx: Queryable, kid: string, reason: string, staffId: number, now: Date): Promise<number> {
  await expireRequests(tx, now);
  const open = await tx.get<{ id: number }>("SELECT id FROM signing_key_revocations WHERE kid = ? AND status = 'pending'", [kid]);
  if (open) {
    throw new DeskError('CONFLICT', `kid: a revocation of this key is already waiting for confirmation (request ${open.id})`, {
      fields: [{ path: 'kid', reason: 'revocation_pending', message: 'a revocation is already waiting for confirmation' }],
      params: { reason: 'revocation_pending' },
    });
  }
  const expires = new Date(now.getTime() + REVOCATION_REQUEST_TTL_SECONDS * 1000);
  const { lastID } = await tx.run(
    'INSERT INTO signing_key_revocations (kid, reason, requested_by, requested_at, expires_at) VALUES (?,?,?,?,?)',
    [kid, reason, staffId, now.toISOString(), expires.toISOString()],
  );
  return lastID;
}

/** The pending request, or a CONFLICT saying why it cannot be acted on any more. */
export async function openRequest(tx: Queryable, id: number, now: Date): Promise<RevocationRow> {
  const row = await tx.get<RevocationRow>('SELECT * FROM signing_key_revocations WHERE id = ?', [id]);
  if (!row) {
    throw new DeskError('NOT_FOUND', `requestId: no revocation request ${id}`, {
      fields: [{ path: 'requestId', reason: 'not_found', message: 'no such revocation request' }],
    });
  }
  const status = row.status === 'pending' && row.expires_at <= now.toISOString() ? 'expired' : row.status;
  if (status !== 'pending') {
    throw new DeskError('CONFLICT', `requestId: this revocation request is ${status}`, {
      params: { reason: `revocation_${status}` },
    });
  }
  return row;
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
