import crypto from 'node:crypto';

/** No 0/O, 1/l/I: the password is read aloud or copied from a slip. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A random one-time password, 4 groups of 4, about 92 bits. */
export function oneTimePassword(): string {
  const chars: string[] = [];
  for (let i = 0; i < 16; i++) chars.push(ALPHABET[crypto.randomInt(ALPHABET.length)]!);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

export function sessionToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}
