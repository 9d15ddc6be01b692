import crypto from 'node:crypto';
import type { KeyManager } from '../keys/key-manager';

/** The desk's active Ed25519 key, used in this process only: callers get signatures, never the key. */
export async function activeEd25519(keys: KeyManager): Promise<{ kid: string; publicJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string }; sign(data: Uint8Array): Buffer }> {
  const set = await keys.signingKeySet();
  const kid = set.activeKid.EdDSA;
  const jwk = set.privateJwks.find((k) => k.kid === kid);
  if (!jwk?.x) throw new Error('no active Ed25519 key');
  const privateKey = crypto.createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d }, format: 'jwk' });
  return { kid, publicJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, sign: (data) => crypto.sign(null, data, privateKey) };
}
