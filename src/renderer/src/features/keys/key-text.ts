import type { KeyView } from '../../../../shared/contract/keys';
import type { Translate } from '../../i18n';

/** "RS256 · RSA, 3072 bits" or "EdDSA · Ed25519". */
export function keyKind(key: Pick<KeyView, 'alg' | 'size'>, t: Translate): string {
  const alg = t(`keys.alg.${key.alg}`);
  return key.size ? `${alg}, ${t('keys.size', { size: key.size })}` : alg;
}

/** The first bytes of a fingerprint, enough to tell keys apart on screen. */
export function shortFingerprint(fingerprint: string): string {
  return `${fingerprint.slice(0, 23)}…`;
}

/** A kid shortened for sentences; tables and cards show it whole. */
export function shortKid(kid: string): string {
  return `${kid.slice(0, 10)}…`;
}
