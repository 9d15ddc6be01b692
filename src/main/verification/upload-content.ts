import crypto from 'node:crypto';
import type { DataKey } from '../crypto/data-key';

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/**
 * Seals uploads at rest: AES-256-GCM under a key derived from the data key, with the
 * upload's own context (its application and row) as associated data, so sealed content
 * cannot be moved to another upload. Binary in, binary out: `iv | tag | ciphertext`.
 */
export class UploadSealer {
  private readonly key: Buffer;

  constructor(dataKey: DataKey) {
    this.key = dataKey.derive('verification-uploads');
  }

  seal(content: Uint8Array, context: string): Buffer {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context));
    const ct = Buffer.concat([cipher.update(content), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ct]);
  }

  open(sealed: Buffer, context: string): Buffer {
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  }
}

/** The associated data of one upload's sealed content: its application and its digest. */
export const uploadContext = (applicationId: number, sha256: string) => `verification.upload/${applicationId}/${sha256}`;
