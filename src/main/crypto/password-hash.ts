import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type { ScryptCost } from './kdf-costs';

const scrypt = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

function params(log2N: number, r: number, p: number): crypto.ScryptOptions {
  return { N: 2 ** log2N, r, p, maxmem: 256 * 1024 * 1024 };
}

/**
 * Password hashes (scrypt, `scrypt$log2N$r$p$salt$hash`) at the cost the desk was opened with.
 * A stored hash carries its own cost, so verifying works whatever the cost of the day.
 */
export class PasswordHasher {
  private decoy: Promise<string> | undefined;

  constructor(readonly cost: ScryptCost) {}

  async hash(password: string): Promise<string> {
    const { log2N, r, p } = this.cost;
    const salt = crypto.randomBytes(16);
    const hash = await scrypt(password.normalize('NFC'), salt, 32, params(log2N, r, p));
    return ['scrypt', log2N, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, log2N, r, p, salt, hash] = stored.split('$');
    if (scheme !== 'scrypt' || !salt || !hash) return false;
    const expected = Buffer.from(hash, 'base64');
    const actual = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, params(Number(log2N), Number(r), Number(p)));
    return crypto.timingSafeEqual(actual, expected);
  }

  /** Costs a verification and matches nothing: for unknown usernames, so timing does not tell them apart. */
  async verifyDecoy(password: string): Promise<false> {
    this.decoy ??= this.hash(crypto.randomBytes(16).toString('hex'));
    await this.verify(password, await this.decoy);
    return false;
  }
}
