import { DeskError } from '../../shared/errors';
import type { KeyAlg, RsaSize } from '../../shared/signing-keys';
import type { DataKey } from '../crypto/data-key';
import type { Queryable } from '../store/database';
import { type KeyMaterial, type KeySpec, generateKeyMaterial, sealPrivateKey } from './key-material';
import { transition } from './key-rows';
import { promotableAt } from './key-timing';
import { closeRequestsFor } from './revocation-repository';
import { type KeyRow, findKeyRow, insertKey, keyInState } from './signing-key-repository';

/** Rotation steps inside a write transaction: publish, promote, revoke with replacement, remove. */

export function specFor(alg: KeyAlg, size: number | null): KeySpec {
  return alg === 'RS256' ? { alg, size: (size ?? 2048) as RsaSize } : { alg };
}

export async function insertGenerated(tx: Queryable, dataKey: DataKey, material: KeyMaterial, state: 'next' | 'active', now: Date) {
  const at = now.toISOString();
  await insertKey(tx, {
    material,
    sealed: sealPrivateKey(dataKey, material.kid, material.privateKey),
    state,
    origin: 'generated',
    at: { created_at: at, published_at: at, activated_at: state === 'active' ? at : null, retired_at: null, revoked_at: null, revocation_reason: null },
  });
  return (await findKeyRow(tx, material.kid))!;
}

export async function assertNoNextKey(tx: Queryable, alg: KeyAlg) {
  const existing = await keyInState(tx, alg, 'next');
  if (existing) {
    throw new DeskError('CONFLICT', `alg: a next ${alg} key (${existing.kid}) is already published; promote or revoke it first`, {
      fields: [{ path: 'alg', reason: 'next_exists', message: 'a next key of this algorithm is already published' }],
      params: { reason: 'next_exists', kid: existing.kid },
    });
  }
}

/** Publishes a next key: in the JWKS from now on, signing only once promoted. */
export async function publishNext(tx: Queryable, dataKey: DataKey, spec: KeySpec, now: Date): Promise<KeyRow> {
  await assertNoNextKey(tx, spec.alg);
  return insertGenerated(tx, dataKey, await generateKeyMaterial(spec, now), 'next', now);
}

/** The next key signs from now on; the active key of its algorithm retires in the same transaction. */
export async function promoteNow(tx: Queryable, next: KeyRow, now: Date): Promise<{ promoted: KeyRow; retired: KeyRow | null }> {
  const current = await keyInState(tx, next.alg, 'active');
  const retired = current ? await transition(tx, current, 'retired', now) : null;
  const promoted = await transition(tx, next, 'active', now);
  return { promoted, retired };
}

/** Manual promotion: refused until the JWKS cache age has passed since the key was published. */
export async function promote(tx: Queryable, key: KeyRow, now: Date) {
  const from = promotableAt(key);
  if (from && from > now) {
    throw new DeskError('CONFLICT', `kid: this key was published at ${key.published_at}; it may be promoted from ${from.toISOString()}`, {
      params: { reason: 'too_early', until: from.toISOString() },
    });
  }
  return promoteNow(tx, key, now);
}

/**
 * Emergency revocation: unpublished at once, private key wiped. An active key is replaced at
 * once, by the next key if there is one (whatever its age), else by a new key.
 */
export async function revokeKey(tx: Queryable, dataKey: DataKey, key: KeyRow, reason: string, now: Date) {
  const revoked = await transition(tx, key, 'revoked', now, reason);
  await closeRequestsFor(tx, key.kid, now);
  if (key.state !== 'active') return { revoked, replacement: null, replacedBy: null };
  const next = await keyInState(tx, key.alg, 'next');
  if (next) return { revoked, replacement: await transition(tx, next, 'active', now), replacedBy: 'promoted' as const };
  const material = await generateKeyMaterial(specFor(key.alg, key.size), now);
  return { revoked, replacement: await insertGenerated(tx, dataKey, material, 'active', now), replacedBy: 'generated' as const };
}

export async function removeKey(tx: Queryable, key: KeyRow, now: Date): Promise<KeyRow> {
  const removed = await transition(tx, key, 'removed', now);
  await closeRequestsFor(tx, key.kid, now);
  return removed;
}
