import crypto from 'node:crypto';
import type { DataKey } from '../crypto/data-key';

export type PiiKind = 'document' | 'mobile' | 'email';

/**
 * Seals PII for storage and computes its blind index: an HMAC under a key derived from the
 * data key, so the store can answer "who has this number?" without holding the number.
 */
export class PiiVault {
  private readonly indexKey: Buffer;

  constructor(private readonly dataKey: DataKey) {
    this.indexKey = dataKey.derive('blind-index');
  }

  /** The value must already be normalized (document upper-cased, mobile E.164); email is matched case-insensitively. */
  index(kind: PiiKind, value: string): string {
    const canonical = kind === 'email' ? value.toLowerCase() : value;
    return crypto.createHmac('sha256', this.indexKey).update(`${kind}\u0000${canonical}`).digest('base64url');
  }

  seal(kind: PiiKind, value: string): string {
    return this.dataKey.seal(value, `accounts.${kind}`);
  }

  open(kind: PiiKind, sealed: string): string {
    return this.dataKey.open(sealed, `accounts.${kind}`);
  }
}
