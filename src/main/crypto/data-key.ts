import crypto from 'node:crypto';

/**
 * The desk's data key: seals secret fields (AES-256-GCM, the field's context as AAD so a
 * sealed value cannot be moved to another column) and derives purpose keys (HKDF).
 */
export class DataKey {
  private constructor(private readonly key: Buffer) {}

  static generate(): DataKey {
    return new DataKey(crypto.randomBytes(32));
  }

  static fromBytes(bytes: Buffer): DataKey {
    if (bytes.length !== 32) throw new Error('a data key is 32 bytes');
    return new DataKey(Buffer.from(bytes));
  }

  /** Only protectors call this, to wrap the key; it never leaves the main process. */
  exportForWrapping(): Buffer {
    return Buffer.from(this.key);
  }

  seal(plaintext: string, context: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`;
  }

  open(sealed: string, context: string): string {
    if (!sealed.startsWith('v1.')) throw new Error('unknown sealed format');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  derive(purpose: string): Buffer {
    return Buffer.from(crypto.hkdfSync('sha256', this.key, Buffer.alloc(0), `jaccount-desk/${purpose}`, 32));
  }
}

/** Protects the data key at rest: safeStorage in the Electron shell, a passphrase headless. */
export interface KeyProtector {
  readonly name: string;
  wrap(key: Buffer): Promise<string>;
  unwrap(wrapped: string): Promise<Buffer>;
}

export class WrongKeyError extends Error {
  constructor(protector: string) {
    super(`The ${protector} does not open this desk's data key. Check it, or point --data-dir at the right store.`);
    this.name = 'WrongKeyError';
  }
}
