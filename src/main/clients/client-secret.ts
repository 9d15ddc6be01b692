import crypto from 'node:crypto';

/** 256 random bits, base64url (43 characters). */
export function newClientSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}

const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** `jaccount-` and 16 characters (about 79 bits): unguessable enough that ids never collide, easy to read out. */
export function newClientId(): string {
  let id = '';
  for (let i = 0; i < 16; i++) id += ID_ALPHABET[crypto.randomInt(ID_ALPHABET.length)];
  return `jaccount-${id}`;
}

/** Tells secrets apart in the console and the audit log; a department can compute it from its copy. */
export function secretFingerprint(secret: string): string {
  return crypto.createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 16);
}

export interface StoredSecret {
  hash: string;
  /** Null for the current secret; the previous one stops being accepted at this instant. */
  expiresAt: string | null;
}

/**
 * Client secrets are high-entropy random values, so a keyed fast hash is the right store for
 * them (a slow password hash would only slow every token request). The client id is part of the
 * MAC, so a hash row cannot be moved to another client.
 */
export class SecretHasher {
  constructor(private readonly key: Buffer) {}

  hash(clientId: string, secret: string): string {
    return crypto.createHmac('sha256', this.key).update(`${clientId}\u0000${secret}`, 'utf8').digest('base64url');
  }

  /** Constant-time over the stored secrets: every live one is compared, whichever matches. */
  accepts(clientId: string, presented: string, stored: readonly StoredSecret[], now: Date): boolean {
    const candidate = Buffer.from(this.hash(clientId, presented), 'base64url');
    let accepted = false;
    for (const secret of stored) {
      const live = secret.expiresAt === null || new Date(secret.expiresAt).getTime() > now.getTime();
      const expected = Buffer.from(secret.hash, 'base64url');
      const same = expected.length === candidate.length && crypto.timingSafeEqual(expected, candidate);
      accepted = (same && live) || accepted;
    }
    return accepted;
  }
}
