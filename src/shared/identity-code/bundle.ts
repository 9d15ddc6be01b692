import { z } from 'zod';
import { canonicalJson } from './canonical-json';
import { base64urlToBytes, utf8 } from './bytes';

/**
 * A trust bundle: what a verifier needs with no network. The token service's published keys,
 * the kids of revoked keys, the usernames of revoked and suspended accounts (nothing else
 * about anyone), when it was made, and a detached Ed25519 signature of the desk that made it
 * over the canonical JSON of all of that.
 */
export const BUNDLE_FORMAT = 'jaccount-trust-bundle';
export const DEFAULT_BUNDLE_MAX_AGE_SECONDS = 24 * 3600;
export const DEFAULT_LEEWAY_SECONDS = 30;

const kid = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a key id (43 base64url characters)');
const b64u = z.string().regex(/^[A-Za-z0-9_-]+$/, 'base64url');
const okpJwk = z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: b64u }).strict();
const rsaJwk = z.object({ kty: z.literal('RSA'), n: b64u, e: b64u }).strict();
const username = z.string().min(1).max(64);

export const bundleKey = z.discriminatedUnion('alg', [
  z.object({ kid, alg: z.literal('EdDSA'), state: z.enum(['next', 'active', 'retired']), jwk: okpJwk }).strict(),
  z.object({ kid, alg: z.literal('RS256'), state: z.enum(['next', 'active', 'retired']), jwk: rsaJwk }).strict(),
]);
export type BundleKey = z.infer<typeof bundleKey>;

export const trustBundle = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(1),
    madeAt: z.iso.datetime(),
    keys: z.array(bundleKey).min(1).max(64),
    revokedKids: z.array(kid).max(1000),
    accounts: z.object({ revoked: z.array(username), suspended: z.array(username) }).strict(),
    signer: z.object({ kid, jwk: okpJwk }).strict(),
    signature: b64u,
  })
  .strict();
export type TrustBundle = z.infer<typeof trustBundle>;
export type UnsignedBundle = Omit<TrustBundle, 'signature'>;

/** The exact bytes the desk signs and a verifier checks. */
export function bundleSigningInput(bundle: UnsignedBundle | TrustBundle): Uint8Array<ArrayBuffer> {
  const { signature: _signature, ...unsigned } = bundle as TrustBundle;
  return utf8(canonicalJson(unsigned)) as Uint8Array<ArrayBuffer>;
}

export class BundleFormatError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`not a trust bundle: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'BundleFormatError';
  }
}

/** Parses a bundle file's text; a BundleFormatError names each field that is wrong and why. */
export function parseBundle(input: string | unknown): TrustBundle {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw new BundleFormatError([{ path: '(file)', message: 'not JSON' }]);
    }
  }
  const parsed = trustBundle.safeParse(value);
  if (!parsed.success) {
    throw new BundleFormatError(parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String).join('.') || '(bundle)', message: i.message })));
  }
  return parsed.data;
}

/** RFC 7638 thumbprint of an Ed25519 JWK: the kid the signer claims, and the fingerprint an operator confirms. */
export async function ed25519Thumbprint(jwk: { x: string }): Promise<string> {
  const canonical = `{"crv":"Ed25519","kty":"OKP","x":"${jwk.x}"}`;
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', utf8(canonical) as Uint8Array<ArrayBuffer>));
  let binary = '';
  for (const b of digest) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The signer's fingerprint as an operator reads it aloud: the thumbprint in groups of four hex digits. */
export function fingerprintForHumans(thumbprint: string): string {
  const bytes = base64urlToBytes(thumbprint) ?? new Uint8Array();
  const hex = [...bytes.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
  return hex.match(/.{4}/g)?.join(' ') ?? '';
}
