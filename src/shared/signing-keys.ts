/** Signing keys of the token service: algorithms, states, the transitions between them, and input limits. Free of zod. */

export const KEY_ALGS = ['RS256', 'EdDSA'] as const;
export type KeyAlg = (typeof KEY_ALGS)[number];

export const RSA_SIZES = [2048, 3072] as const;
export type RsaSize = (typeof RSA_SIZES)[number];

/**
 * next: published in the JWKS, not signing yet; active: signs (one per algorithm); retired:
 * published, verifies only; removed: unpublished, private key wiped; revoked: emergency,
 * unpublished at once, private key wiped.
 */
export const KEY_STATES = ['next', 'active', 'retired', 'removed', 'revoked'] as const;
export type KeyState = (typeof KEY_STATES)[number];

/** The only state changes a key can make. Removed and revoked are final. */
export const KEY_TRANSITIONS: Record<KeyState, readonly KeyState[]> = {
  next: ['active', 'revoked'],
  active: ['retired', 'revoked'],
  retired: ['removed', 'revoked'],
  removed: [],
  revoked: [],
};

export function canTransition(from: KeyState, to: KeyState): boolean {
  return KEY_TRANSITIONS[from].includes(to);
}

/** States whose public key is in the JWKS. */
export const PUBLISHED_STATES: readonly KeyState[] = ['next', 'active', 'retired'];

/** Scheduled rotation: every N days (0: off). */
export const ROTATION_DAYS_MAX = 365;
/** A second key admin must confirm an emergency revocation within this time. */
export const REVOCATION_REQUEST_TTL_SECONDS = 3600;
/** A backup's password: a passphrase of at least this many characters. */
export const BACKUP_PASSWORD_MIN_LENGTH = 12;
