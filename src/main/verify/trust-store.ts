import type { TrustBundle } from '../../shared/identity-code';
import { isPublishedKid } from '../keys/signing-key-repository';
import type { Queryable } from '../store/database';
import { insertBundle, insertSignerIfNew, isKnownSigner, latestBundleText } from './trust-bundle-repository';

/**
 * Whether this desk trusts the signer of a bundle without asking: one of its own published
 * keys, a signer an operator confirmed before, or a key listed in a bundle it trusted (so a
 * desk that rotates its keys stays trusted across the rotation).
 */
export async function isTrustedSigner(db: Queryable, kid: string): Promise<boolean> {
  if ((await isPublishedKid(db, kid)) || (await isKnownSigner(db, kid))) return true;
  const latest = await latestImported(db);
  return !!latest && latest.keys.some((k) => k.kid === kid && k.alg === 'EdDSA') && !latest.revokedKids.includes(kid);
}

export async function latestImported(db: Queryable): Promise<TrustBundle | null> {
  const text = await latestBundleText(db);
  return text === null ? null : (JSON.parse(text) as TrustBundle);
}

/** One transaction (the caller's): the signer, if new, and the bundle. */
export async function storeImported(tx: Queryable, bundle: TrustBundle, by: string, now: Date): Promise<void> {
  await insertSignerIfNew(tx, { kid: bundle.signer.kid, jwkJson: JSON.stringify(bundle.signer.jwk) }, by, now);
  await insertBundle(tx, { signerKid: bundle.signer.kid, madeAt: bundle.madeAt, json: JSON.stringify(bundle) }, by, now);
}
