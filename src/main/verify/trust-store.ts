import { PUBLISHED_STATES } from '../../shared/signing-keys';
import type { TrustBundle } from '../../shared/identity-code';
import type { Queryable } from '../store/database';

/**
 * Whether this desk trusts the signer of a bundle without asking: one of its own published
 * keys, a signer an operator confirmed before, or a key listed in a bundle it trusted (so a
 * desk that rotates its keys stays trusted across the rotation).
 */
export async function isTrustedSigner(db: Queryable, kid: string): Promise<boolean> {
  const own = await db.get(`SELECT 1 FROM signing_keys WHERE kid = ? AND state IN (${PUBLISHED_STATES.map(() => '?').join(',')})`, [
    kid,
    ...PUBLISHED_STATES,
  ]);
  if (own || (await db.get('SELECT 1 FROM trust_bundle_signers WHERE kid = ?', [kid]))) return true;
  const latest = await latestImported(db);
  return !!latest && latest.keys.some((k) => k.kid === kid && k.alg === 'EdDSA') && !latest.revokedKids.includes(kid);
}

export async function latestImported(db: Queryable): Promise<TrustBundle | null> {
  const row = await db.get<{ bundle: string }>('SELECT bundle FROM trust_bundles ORDER BY made_at DESC, id DESC LIMIT 1');
  return row ? (JSON.parse(row.bundle) as TrustBundle) : null;
}

/** One transaction (the caller's): the signer, if new, and the bundle. */
export async function storeImported(tx: Queryable, bundle: TrustBundle, by: string, now: Date): Promise<void> {
  await tx.run('INSERT INTO trust_bundle_signers (kid, jwk, trusted_at, trusted_by) VALUES (?, ?, ?, ?) ON CONFLICT(kid) DO NOTHING', [
    bundle.signer.kid,
    JSON.stringify(bundle.signer.jwk),
    now.toISOString(),
    by,
  ]);
  await tx.run('INSERT INTO trust_bundles (signer_kid, made_at, imported_at, imported_by, bundle) VALUES (?, ?, ?, ?, ?)', [
    bundle.signer.kid,
    bundle.madeAt,
    now.toISOString(),
    by,
    JSON.stringify(bundle),
  ]);
}
