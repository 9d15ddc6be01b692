import { importJWK } from 'jose';
import { base64urlToBytes, bytesToBase64url } from './bytes';
import { type BundleKey, type TrustBundle, bundleSigningInput, ed25519Thumbprint } from './bundle';
import { KID_HINT_BYTES } from './format';

const ED25519 = { name: 'Ed25519' } as const;
/** WebCrypto's key type, named without the DOM library (Node and the browser both have it). */
export type CryptoKey = Awaited<ReturnType<typeof globalThis.crypto.subtle.importKey>>;

export function importEd25519(x: string): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x }, ED25519, false, ['verify']);
}

export function ed25519Verify(key: CryptoKey, signature: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): Promise<boolean> {
  return globalThis.crypto.subtle.verify(ED25519, key, signature, data);
}

/** A bundle whose signature held, with its keys imported once for every credential checked against it. */
export interface OpenedBundle {
  bundle: TrustBundle;
  madeAtMs: number;
  byKid: Map<string, BundleKey>;
  /** Ed25519 keys by the kid hint an identity code carries (its first 8 bytes, as base64url). */
  byHint: Map<string, BundleKey>;
  revokedHints: Map<string, string>;
  revoked: Set<string>;
  accounts: { revoked: Set<string>; suspended: Set<string> };
  cryptoKey(key: BundleKey): Promise<CryptoKey>;
}

export type OpenResult = { ok: true; opened: OpenedBundle } | { ok: false; reason: 'bundle_bad_signature' };

export function hintOf(kidOrHint: string | Uint8Array): string {
  const bytes = typeof kidOrHint === 'string' ? base64urlToBytes(kidOrHint) : kidOrHint;
  return bytes ? bytesToBase64url(bytes.slice(0, KID_HINT_BYTES)) : '';
}

/** Checks the detached signature (the signer's kid must be its key's thumbprint) and indexes the keys. */
export async function openBundle(bundle: TrustBundle): Promise<OpenResult> {
  const signer = bundle.signer;
  const signature = base64urlToBytes(bundle.signature) as Uint8Array<ArrayBuffer> | null;
  if (!signature || (await ed25519Thumbprint(signer.jwk)) !== signer.kid) return { ok: false, reason: 'bundle_bad_signature' };
  let good: boolean;
  try {
    good = await ed25519Verify(await importEd25519(signer.jwk.x), signature, bundleSigningInput(bundle));
  } catch {
    good = false;
  }
  if (!good) return { ok: false, reason: 'bundle_bad_signature' };
  const imported = new Map<string, Promise<CryptoKey>>();
  return {
    ok: true,
    opened: {
      bundle,
      madeAtMs: Date.parse(bundle.madeAt),
      byKid: new Map(bundle.keys.map((k) => [k.kid, k])),
      byHint: new Map(bundle.keys.filter((k) => k.alg === 'EdDSA').map((k) => [hintOf(k.kid), k])),
      revokedHints: new Map(bundle.revokedKids.map((k) => [hintOf(k), k])),
      revoked: new Set(bundle.revokedKids),
      accounts: { revoked: new Set(bundle.accounts.revoked.map((u) => u.toLowerCase())), suspended: new Set(bundle.accounts.suspended.map((u) => u.toLowerCase())) },
      cryptoKey(key) {
        let promise = imported.get(key.kid);
        if (!promise) {
          promise = key.alg === 'EdDSA' ? importEd25519(key.jwk.x) : (importJWK(key.jwk, 'RS256') as Promise<CryptoKey>);
          imported.set(key.kid, promise);
        }
        return promise;
      },
    },
  };
}
