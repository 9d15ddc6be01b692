import { compactVerify, decodeProtectedHeader, errors } from 'jose';
import { base64urlToBytes } from './bytes';
import type { TrustBundle } from './bundle';
import { DEFAULT_BUNDLE_MAX_AGE_SECONDS, DEFAULT_LEEWAY_SECONDS } from './bundle';
import { decodeIdentityCode, looksLikeIdentityCode } from './format';
import { type OpenedBundle, ed25519Verify, hintOf, openBundle } from './trusted-keys';

/** Why a credential is refused; the first seven are the credential's fault, the rest the bundle's. */
export const REFUSAL_REASONS = [
  'expired',
  'not_yet_valid',
  'unknown_key',
  'revoked_key',
  'account_revoked',
  'account_suspended',
  'bad_signature',
  'malformed',
  'bundle_too_old',
  'bundle_from_future',
  'bundle_bad_signature',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
export type CredentialKind = 'identity-code' | 'id-token' | 'access-token';
export type KeyStateInBundle = 'next' | 'active' | 'retired';

export type Verdict =
  | { valid: true; kind: CredentialKind; kid: string; keyState: KeyStateInBundle; claims: Record<string, unknown> }
  | {
      valid: false;
      reason: RefusalReason;
      kind: CredentialKind | null;
      kid: string | null;
      /** Only once the signature held: claims of an expired or revoked credential, never of a forged one. */
      claims: Record<string, unknown> | null;
    };

/** A platform's own Ed25519 check (node:crypto in the CLI); WebCrypto otherwise. */
export type Ed25519Check = (x: string, signature: Uint8Array, data: Uint8Array) => boolean | Promise<boolean>;

export interface VerifyOptions {
  leewaySeconds?: number;
  maxBundleAgeSeconds?: number;
  ed25519?: Ed25519Check;
}

const opening = new WeakMap<TrustBundle, ReturnType<typeof openBundle>>();

function refuse(reason: RefusalReason, kind: CredentialKind | null, kid: string | null = null, claims: Record<string, unknown> | null = null): Verdict {
  return { valid: false, reason, kind, kid, claims };
}

/** The bundle's own checks: its signature (once per bundle object), then its age. */
export async function checkBundle(
  bundle: TrustBundle | OpenedBundle,
  now: Date | number,
  options: VerifyOptions = {},
): Promise<{ ok: true; opened: OpenedBundle; ageSeconds: number } | { ok: false; reason: RefusalReason }> {
  let opened: OpenedBundle;
  if ('byKid' in bundle) opened = bundle;
  else {
    let pending = opening.get(bundle);
    if (!pending) opening.set(bundle, (pending = openBundle(bundle)));
    const result = await pending;
    if (!result.ok) return result;
    opened = result.opened;
  }
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const ageSeconds = (nowMs - opened.madeAtMs) / 1000;
  const leeway = options.leewaySeconds ?? DEFAULT_LEEWAY_SECONDS;
  if (ageSeconds > (options.maxBundleAgeSeconds ?? DEFAULT_BUNDLE_MAX_AGE_SECONDS)) return { ok: false, reason: 'bundle_too_old' };
  if (ageSeconds < -leeway) return { ok: false, reason: 'bundle_from_future' };
  return { ok: true, opened, ageSeconds };
}

/** Time and account checks, the same for every kind of credential once its signature held. */
function judge(
  opened: OpenedBundle,
  kind: CredentialKind,
  kid: string,
  keyState: KeyStateInBundle,
  claims: Record<string, unknown>,
  nowMs: number,
  leeway: number,
): Verdict {
  const { exp, iat, nbf, sub } = claims;
  if (typeof exp !== 'number' || (iat !== undefined && typeof iat !== 'number') || (nbf !== undefined && typeof nbf !== 'number')) {
    return refuse('malformed', kind, kid);
  }
  const now = nowMs / 1000;
  if (now >= exp + leeway) return refuse('expired', kind, kid, claims);
  const notBefore = Math.max(typeof iat === 'number' ? iat : -Infinity, typeof nbf === 'number' ? nbf : -Infinity);
  if (notBefore > now + leeway) return refuse('not_yet_valid', kind, kid, claims);
  const subject = typeof sub === 'string' ? sub.toLowerCase() : '';
  if (opened.accounts.revoked.has(subject)) return refuse('account_revoked', kind, kid, claims);
  if (opened.accounts.suspended.has(subject)) return refuse('account_suspended', kind, kid, claims);
  return { valid: true, kind, kid, keyState, claims };
}

async function verifyCode(text: string, opened: OpenedBundle, nowMs: number, leeway: number, check?: Ed25519Check): Promise<Verdict> {
  const code = decodeIdentityCode(text);
  if (!code) return refuse('malformed', 'identity-code');
  const hint = hintOf(code.kidHint);
  const key = opened.byHint.get(hint);
  if (!key) {
    const revoked = opened.revokedHints.get(hint);
    return revoked ? refuse('revoked_key', 'identity-code', revoked) : refuse('unknown_key', 'identity-code');
  }
  if (opened.revoked.has(key.kid)) return refuse('revoked_key', 'identity-code', key.kid);
  const good = check
    ? await check((key.jwk as { x: string }).x, code.signature, code.signed)
    : await ed25519Verify(await opened.cryptoKey(key), code.signature, code.signed);
  if (!good) return refuse('bad_signature', 'identity-code', key.kid);
  return judge(opened, 'identity-code', key.kid, key.state, { ...code.claims }, nowMs, leeway);
}

async function verifyJwt(token: string, opened: OpenedBundle, nowMs: number, leeway: number): Promise<Verdict> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return refuse('malformed', null);
  }
  const kind: CredentialKind = /^(application\/)?at\+jwt$/i.test(String(header.typ ?? '')) ? 'access-token' : 'id-token';
  if (typeof header.kid !== 'string' || (header.alg !== 'RS256' && header.alg !== 'EdDSA')) return refuse('malformed', kind);
  if (opened.revoked.has(header.kid)) return refuse('revoked_key', kind, header.kid);
  const key = opened.byKid.get(header.kid);
  if (!key) return refuse('unknown_key', kind, header.kid);
  if (key.alg !== header.alg) return refuse('bad_signature', kind, key.kid);
  let payload: Uint8Array;
  try {
    payload = (await compactVerify(token, await opened.cryptoKey(key), { algorithms: [key.alg] })).payload;
  } catch (err) {
    return refuse(err instanceof errors.JWSSignatureVerificationFailed ? 'bad_signature' : 'malformed', kind, key.kid);
  }
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    return refuse('malformed', kind, key.kid);
  }
  if (!claims || typeof claims !== 'object' || Array.isArray(claims)) return refuse('malformed', kind, key.kid);
  return judge(opened, kind, key.kid, key.state, claims as Record<string, unknown>, nowMs, leeway);
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Verifies an identity code or a JWT (ID token, RFC 9068 access token) against a trust bundle
 * alone: the bundle's signature and age, then the key (unknown, revoked), the signature, the
 * times (with the leeway) and the account's status in the bundle's list.
 */
export async function verifyCredential(
  text: string,
  bundle: TrustBundle | OpenedBundle,
  now: Date | number,
  options: VerifyOptions = {},
): Promise<Verdict> {
  const checked = await checkBundle(bundle, now, options);
  if (!checked.ok) return refuse(checked.reason, null);
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const leeway = options.leewaySeconds ?? DEFAULT_LEEWAY_SECONDS;
  const input = text.trim();
  if (looksLikeIdentityCode(input)) return verifyCode(input, checked.opened, nowMs, leeway, options.ed25519);
  if (JWT_SHAPE.test(input) && base64urlToBytes(input.split('.')[0]!)) return verifyJwt(input, checked.opened, nowMs, leeway);
  return refuse('malformed', null);
}
