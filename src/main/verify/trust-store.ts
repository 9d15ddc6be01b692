import type { TrustBundle } from '../../shared/identity-code';
import type { Repositories } from '../repositories';

/**
 * Whether this desk trusts the signer of a bundle without asking: one of its own published
 * keys, a signer an operator confirmed before, or a key listed in a bundle it trusted (so a
 * desk that rotates its keys stays trusted across the rotation).
 */
export async function isTrustedSigner(repos: Repositories, kid: string): Promise<boolean> {
  if ((await repos.signingKeys.isPublishedKid(kid)) || (await repos.trustBundles.isKnownSigner(kid))) return true;
  const latest = await latestImported(repos);
  return !!latest && latest.keys.some((k) => k.kid === kid && k.alg === 'EdDSA') && !latest.revokedKids.includes(kid);
}

export async function latestImported(repos: Repositories): Promise<TrustBundle | null> {
  const text = await repos.trustBundles.latestBundleText();
  return text === null ? null : (JSON.parse(text) as TrustBundle);
}

/** One transaction (the caller's): the signer, if new, and the bundle. */
export async function storeImported(repos: Repositories, bundle: TrustBundle, by: string, now: Date): Promise<void> {
  await repos.trustBundles.insertSignerIfNew({ kid: bundle.signer.kid, jwkJson: JSON.stringify(bundle.signer.jwk) }, by, now);
  await repos.trustBundles.insertBundle({ signerKid: bundle.signer.kid, madeAt: bundle.madeAt, json: JSON.stringify(bundle) }, by, now);
}
