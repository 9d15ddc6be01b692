import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { type KeyProtector, WrongKeyError } from './data-key';
import { OWASP_KDF, type ScryptCost } from './kdf-costs';

const scrypt = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

interface Wrapped {
  v: 1;
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  tag: string;
  ct: string;
}

/** Wraps the data key under a key derived from a passphrase (scrypt; OWASP's parameters unless a test passes its own). */
export class PassphraseProtector implements KeyProtector {
  readonly name = 'passphrase';
  private readonly kdf: { N: number; r: number; p: number };

  constructor(
    private readonly passphrase: string,
    cost: ScryptCost = OWASP_KDF.passphrase,
  ) {
    this.kdf = { N: 2 ** cost.log2N, r: cost.r, p: cost.p };
    if (passphrase.length < 16) throw new Error('the desk passphrase must be at least 16 characters');
  }

  private kek(salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
    return scrypt(this.passphrase, salt, 32, { ...params, maxmem: 256 * 1024 * 1024 });
  }

  async wrap(key: Buffer): Promise<string> {
    const salt = crypto.randomBytes(16);
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', await this.kek(salt, this.kdf), iv);
    const ct = Buffer.concat([cipher.update(key), cipher.final()]);
    const wrapped: Wrapped = {
      v: 1,
      kdf: 'scrypt',
      ...this.kdf,
      salt: salt.toString('base64'),
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ct: ct.toString('base64'),
    };
    return JSON.stringify(wrapped);
  }

  async unwrap(text: string): Promise<Buffer> {
    const w = JSON.parse(text) as Wrapped;
    const kek = await this.kek(Buffer.from(w.salt, 'base64'), w);
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', kek, Buffer.from(w.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(w.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(w.ct, 'base64')), decipher.final()]);
    } catch {
      throw new WrongKeyError('passphrase');
    }
  }
}
