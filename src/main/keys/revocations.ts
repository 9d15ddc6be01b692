import type { RevocationRequestView } from '../../shared/contract/keys';
import { DeskError } from '../../shared/errors';
import { REVOCATION_REQUEST_TTL_SECONDS } from '../../shared/signing-keys';
import {
  type RevocationRow
} from './revocation-repository';
import type { Repositories } from '../repositories';

/**
 * Emergency revocation, four eyes: one key admin requests it with a reason; a different staff
 * member holding keys.manage confirms it, from their own session, within the hour.
 */

/** Marks requests whose hour has passed; returns them, for the audit log. */
export async function expireRequests(repos: Repositories, now: Date): Promise<RevocationRow[]> {
  const stale = await repos.revocations.dueRequests(now);
  for (const row of stale) await repos.revocations.markExpired(row);
  return stale;
}

export async function pendingRequests(repos: Repositories, now: Date, viewerId: number | null): Promise<RevocationRequestView[]> {
  const rows = await repos.revocations.pendingRequestRows(now);
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

export async function insertRequest(repos: Repositories, kid: string, reason: string, staffId: number, now: Date): Promise<number> {
  await expireRequests(repos, now);
  const open = await repos.revocations.pendingRequestFor(kid);
  if (open !== null) {
    throw new DeskError('CONFLICT', `kid: a revocation of this key is already waiting for confirmation (request ${open})`, {
      fields: [{ path: 'kid', reason: 'revocation_pending', message: 'a revocation is already waiting for confirmation' }],
      params: { reason: 'revocation_pending' },
    });
  }
  const expiresAt = new Date(now.getTime() + REVOCATION_REQUEST_TTL_SECONDS * 1000);
  return repos.revocations.insertRevocationRequest({ kid, reason, requestedBy: staffId, expiresAt }, now);
}

/** The pending request, or a CONFLICT saying why it cannot be acted on any more. */
export async function openRequest(repos: Repositories, id: number, now: Date): Promise<RevocationRow> {
  const row = await repos.revocations.findRevocationRequest(id);
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
