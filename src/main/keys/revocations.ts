import type { RevocationRequestView } from '../../shared/contract/keys';
import { DeskError } from '../../shared/errors';
import { REVOCATION_REQUEST_TTL_SECONDS } from '../../shared/signing-keys';
import type { Queryable } from '../store/database';
import {
  type RevocationRow,
  dueRequests,
  findRevocationRequest,
  insertRevocationRequest,
  markExpired,
  pendingRequestFor,
  pendingRequestRows,
} from './revocation-repository';

/**
 * Emergency revocation, four eyes: one key admin requests it with a reason; a different staff
 * member holding keys.manage confirms it, from their own session, within the hour.
 */

/** Marks requests whose hour has passed; returns them, for the audit log. */
export async function expireRequests(tx: Queryable, now: Date): Promise<RevocationRow[]> {
  const stale = await dueRequests(tx, now);
  for (const row of stale) await markExpired(tx, row);
  return stale;
}

export async function pendingRequests(db: Queryable, now: Date, viewerId: number | null): Promise<RevocationRequestView[]> {
  const rows = await pendingRequestRows(db, now);
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
  const open = await pendingRequestFor(tx, kid);
  if (open !== null) {
    throw new DeskError('CONFLICT', `kid: a revocation of this key is already waiting for confirmation (request ${open})`, {
      fields: [{ path: 'kid', reason: 'revocation_pending', message: 'a revocation is already waiting for confirmation' }],
      params: { reason: 'revocation_pending' },
    });
  }
  const expiresAt = new Date(now.getTime() + REVOCATION_REQUEST_TTL_SECONDS * 1000);
  return insertRevocationRequest(tx, { kid, reason, requestedBy: staffId, expiresAt }, now);
}

/** The pending request, or a CONFLICT saying why it cannot be acted on any more. */
export async function openRequest(tx: Queryable, id: number, now: Date): Promise<RevocationRow> {
  const row = await findRevocationRequest(tx, id);
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
