import crypto from 'node:crypto';
import { SignJWT, importJWK } from 'jose';
import { jwkThumbprint } from '../../src/main/keys/jwk';
import {
  BUNDLE_FORMAT,
  type BundleKey,
  type IdentityCodeClaims,
  type TrustBundle,
  type UnsignedBundle,
  bundleSigningInput,
  encodeIdentityCode,
} from '../../src/shared/identity-code';

/** A signing key as the key manager would publish it, with its private half for the test to sign with. */
export interface TestKey {
  kid: string;
  alg: 'EdDSA' | 'RS256';
  privateKey: crypto.KeyObject;
  jwk: BundleKey['jwk'];
}

export function testKey(alg: 'EdDSA' | 'RS256' = 'EdDSA'): TestKey {
  const { privateKey, publicKey } =
    alg === 'EdDSA' ? crypto.generateKeyPairSync('ed25519') : crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const exported = publicKey.export({ format: 'jwk' });
  const jwk = (alg === 'EdDSA' ? { kty: 'OKP', crv: 'Ed25519', x: exported.x } : { kty: 'RSA', n: exported.n, e: exported.e }) as BundleKey['jwk'];
  return { kid: jwkThumbprint(jwk), alg, privateKey, jwk };
}

export interface BundleParts {
  keys: { key: TestKey; state: BundleKey['state'] }[];
  revoked?: TestKey[];
  accounts?: { revoked?: string[]; suspended?: string[] };
  madeAt: Date;
  signer: TestKey;
}

export function signBundle(unsigned: UnsignedBundle, signer: TestKey): TrustBundle {
  return { ...unsigned, signature: crypto.sign(null, bundleSigningInput(unsigned), signer.privateKey).toString('base64url') };
}

export function makeTestBundle(p: BundleParts): TrustBundle {
  const unsigned = {
    format: BUNDLE_FORMAT,
    version: 1,
    madeAt: p.madeAt.toISOString(),
    keys: p.keys.map(({ key, state }) => ({ kid: key.kid, alg: key.alg, state, jwk: key.jwk }) as BundleKey),
    revokedKids: (p.revoked ?? []).map((k) => k.kid),
    accounts: { revoked: p.accounts?.revoked ?? [], suspended: p.accounts?.suspended ?? [] },
    signer: { kid: p.signer.kid, jwk: p.signer.jwk as { kty: 'OKP'; crv: 'Ed25519'; x: string } },
  } satisfies UnsignedBundle;
  return signBundle(unsigned, p.signer);
}

export function testCode(key: TestKey, claims: Partial<IdentityCodeClaims> & { iat: number; exp: number }): Promise<string> {
  return encodeIdentityCode({ sub: 'zhangxm', name: '张晓明', category: 'undergraduate', ...claims }, key.kid, (data) =>
    crypto.sign(null, data, key.privateKey),
  );
}

export async function testJwt(key: TestKey, payload: Record<string, unknown>, typ = 'JWT'): Promise<string> {
  const signing = await importJWK(key.privateKey.export({ format: 'jwk' }) as never, key.alg);
  return new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: key.kid, typ }).sign(signing);
}
