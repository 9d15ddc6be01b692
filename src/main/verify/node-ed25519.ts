import crypto from 'node:crypto';
import type { Ed25519Check } from '../../shared/identity-code';

/** node:crypto's synchronous Ed25519 verify, with each public key built once: the CLI's path. */
export function nodeEd25519(): Ed25519Check {
  const keys = new Map<string, crypto.KeyObject>();
  return (x, signature, data) => {
    let key = keys.get(x);
    if (!key) keys.set(x, (key = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' })));
    return crypto.verify(null, data, key, signature);
  };
}
