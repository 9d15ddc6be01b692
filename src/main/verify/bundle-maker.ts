import {
  BUNDLE_FORMAT,
  type BundleKey,
  type TrustBundle,
  type UnsignedBundle,
  bundleSigningInput,
  fingerprintForHumans,
} from '../../shared/identity-code';
import type { KeyManager } from '../keys/key-manager';
import { activeEd25519 } from './desk-signer';
import type { Repositories } from '../repositories';

/**
 * This desk's trust bundle, made now: the published keys (public parts only), the revoked
 * kids, the usernames of revoked and suspended accounts, signed with the active Ed25519 key.
 */
export async function makeBundle(repos: Repositories, keys: KeyManager, now: Date): Promise<TrustBundle> {
  const set = await keys.signingKeySet();
  const states = new Map((await repos.signingKeys.keyStates()).map((r) => [r.kid, r.state]));
  const bundleKeys = set.publicJwks.keys.map((jwk) => {
    const state = states.get(jwk.kid!) as BundleKey['state'];
    return jwk.kty === 'OKP'
      ? { kid: jwk.kid!, alg: 'EdDSA' as const, state, jwk: { kty: 'OKP' as const, crv: 'Ed25519' as const, x: jwk.x! } }
      : { kid: jwk.kid!, alg: 'RS256' as const, state, jwk: { kty: 'RSA' as const, n: jwk.n!, e: jwk.e! } };
  });
  const revokedKids = [...states].filter(([, s]) => s === 'revoked').map(([kid]) => kid).sort();
  const listed = await repos.accounts.barredAccounts();
  const signer = await activeEd25519(keys);
  const unsigned: UnsignedBundle = {
    format: BUNDLE_FORMAT,
    version: 1,
    madeAt: now.toISOString(),
    keys: bundleKeys,
    revokedKids,
    accounts: {
      revoked: listed.filter((a) => a.status === 'revoked').map((a) => a.username),
      suspended: listed.filter((a) => a.status === 'suspended').map((a) => a.username),
    },
    signer: { kid: signer.kid, jwk: signer.publicJwk },
  };
  return { ...unsigned, signature: signer.sign(bundleSigningInput(unsigned)).toString('base64url') };
}

export function bundleFileText(bundle: TrustBundle): string {
  return `${JSON.stringify(bundle, null, 1)}\n`;
}

export function describeBundle(bundle: TrustBundle) {
  return { madeAt: bundle.madeAt, signerKid: bundle.signer.kid, signerFingerprint: fingerprintForHumans(bundle.signer.kid) };
}
