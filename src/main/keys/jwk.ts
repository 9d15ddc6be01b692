import crypto, { type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';

/** The members RFC 7638 hashes, per key type, in lexicographic order. */
const THUMBPRINT_MEMBERS: Record<string, readonly string[]> = {
  RSA: ['e', 'kty', 'n'],
  OKP: ['crv', 'kty', 'x'],
};

/** RFC 7638 JWK thumbprint (SHA-256, base64url): the key's kid. */
export function jwkThumbprint(jwk: JWK): string {
  const members = jwk.kty ? THUMBPRINT_MEMBERS[jwk.kty] : undefined;
  if (!members) throw new Error(`no thumbprint for key type ${String(jwk.kty)}`);
  const canonical = `{${members.map((m) => `${JSON.stringify(m)}:${JSON.stringify((jwk as Record<string, unknown>)[m])}`).join(',')}}`;
  return crypto.createHash('sha256').update(canonical).digest('base64url');
}

/** The public members of a key as a JWK (no kid, alg or use). */
export function publicJwk(key: KeyObject): JWK {
  const publicKey = key.type === 'private' ? crypto.createPublicKey(key) : key;
  const { kty, n, e, crv, x } = publicKey.export({ format: 'jwk' });
  return kty === 'RSA' ? { kty, n, e } : { kty, crv, x };
}

/** The private key as a JWK, for the token service's signing keys; never leaves the main process. */
export function privateJwk(key: KeyObject): JWK {
  return key.export({ format: 'jwk' }) as JWK;
}
