import { DeskError } from '../../shared/errors';
import type { KeyAlg, RsaSize } from '../../shared/signing-keys';
import type { DataKey } from '../crypto/data-key';
import { type KeyMaterial, type KeySpec, generateKeyMaterial, sealPrivateKey } from './key-material';
import { transition } from './key-rows';
import { promotableAt } from './key-timing';
import type { KeyRow } from './signing-key-repository';
import type { Repositories } from '../repositories';

/** Rotation steps inside a write transaction: publish, promote, revoke with replacement, remove. */

export function specFor(alg: KeyAlg, size: number | null): KeySpec {
  return alg === 'RS256' ? { alg, size: (size ?? 2048) as RsaSize } : { alg };
}

export async function insertGenerated(repos: Repositories, dataKey: DataKey, material: KeyMaterial, state: 'next' | 'active', now: Date) {
  const at = now.toISOString();
  await repos.signingKeys.insertKey({
    material,
    sealed: sealPrivateKey(dataKey, material.kid, material.privateKey),
    state,
    origin: 'generated',
    at: { created_at: at, published_at: at, activated_at: state === 'active' ? at : null, retired_at: null, revoked_at: null, revocation_reason: null },
  });
  return (await repos.signingKeys.findKeyRow(material.kid))!;
}

export async function assertNoNextKey(repos: Repositories, alg: KeyAlg) {
  const existing = await repos.signingKeys.keyInState(alg, 'next');
  if (existing) {
    throw new DeskError('CONFLICT', `alg: a next ${alg} key (${existing.kid}) is already published; promote or revoke it first`, {
      fields: [{ path: 'alg', reason: 'next_exists', message: 'a next key of this algorithm is already published' }],
      params: { reason: 'next_exists', kid: existing.kid },
    });
  }
}

/** Publishes a next key: in the JWKS from now on, signing only once promoted. */
export async function publishNext(repos: Repositories, dataKey: DataKey, spec: KeySpec, now: Date): Promise<KeyRow> {
  await assertNoNextKey(repos, spec.alg);
  return insertGenerated(repos, dataKey, await generateKeyMaterial(spec, now), 'next', now);
}

/** The next key signs from now on; the active key of its algorithm retires in the same transaction. */
export async function promoteNow(repos: Repositories, next: KeyRow, now: Date): Promise<{ promoted: KeyRow; retired: KeyRow | null }> {
  const current = await repos.signingKeys.keyInState(next.alg, 'active');
  const retired = current ? await transition(repos, current, 'retired', now) : null;
  const promoted = await transition(repos, next, 'active', now);
  return { promoted, retired };
}

/** Manual promotion: refused until the JWKS cache age has passed since the key was published. */
export async function promote(repos: Repositories, key: KeyRow, now: Date) {
  const from = promotableAt(key);
  if (from && from > now) {
    throw new DeskError('CONFLICT', `kid: this key was published at ${key.published_at}; it may be promoted from ${from.toISOString()}`, {
      params: { reason: 'too_early', until: from.toISOString() },
    });
  }
  return promoteNow(repos, key, now);
}

/**
 * Emergency revocation: unpublished at once, private key wiped. An active key is replaced at
 * once, by the next key if there is one (whatever its age), else by a new key.
 */
export async function revokeKey(repos: Repositories, dataKey: DataKey, key: KeyRow, reason: string, now: Date) {
  const revoked = await transition(repos, key, 'revoked', now, reason);
  await repos.revocations.closeRequestsFor(key.kid, now);
  if (key.state !== 'active') return { revoked, replacement: null, replacedBy: null };
  const next = await repos.signingKeys.keyInState(key.alg, 'next');
  if (next) return { revoked, replacement: await transition(repos, next, 'active', now), replacedBy: 'promoted' as const };
  const material = await generateKeyMaterial(specFor(key.alg, key.size), now);
  return { revoked, replacement: await insertGenerated(repos, dataKey, material, 'active', now), replacedBy: 'generated' as const };
}

export async function removeKey(repos: Repositories, key: KeyRow, now: Date): Promise<KeyRow> {
  const removed = await transition(repos, key, 'removed', now);
  await repos.revocations.closeRequestsFor(key.kid, now);
  return removed;
}
