/**
 * Two-step verification codes by otpauth (RFC 4226 HOTP, RFC 6238 TOTP; HMAC through
 * node:crypto under Node): SHA-1, 6 digits, 30-second steps, which is what authenticator apps
 * implement. The desk keeps these functions as its interface; the sign-in steps use them.
 */
import { HOTP, Secret, TOTP } from 'otpauth';

export const TOTP_PERIOD = 30;
const DIGITS = 6;
const ALGORITHM = 'SHA1';
/** Steps accepted either side of the current one, for clocks a little off. */
const WINDOW = 1;

const secretOf = (bytes: Buffer) => new Secret({ buffer: new Uint8Array(bytes).buffer });

/** RFC 4648 base32, unpadded (as otpauth:// URIs carry it). */
export function base32Encode(bytes: Buffer): string {
  return secretOf(bytes).base32;
}

/** Base32 as people and apps write it: any case, spaces and padding ignored. Throws on anything else. */
export function base32Decode(text: string): Buffer {
  try {
    return Buffer.from(Secret.fromBase32(text.replace(/[\s=]/g, '')).bytes);
  } catch {
    throw new Error('not base32');
  }
}

/** RFC 4226 HOTP with SHA-1, as every authenticator app implements it. */
export function hotp(secret: Buffer, counter: number, digits = DIGITS): string {
  return HOTP.generate({ secret: secretOf(secret), algorithm: ALGORITHM, digits, counter });
}

export function timeStep(atMs: number): number {
  return TOTP.counter({ period: TOTP_PERIOD, timestamp: atMs });
}

/** RFC 6238: accepts the current step and one either side; returns the matching step or null. */
export function matchTotp(secret: Buffer, code: string, atMs: number): number | null {
  const delta = TOTP.validate({ token: code, secret: secretOf(secret), algorithm: ALGORITHM, digits: DIGITS, period: TOTP_PERIOD, timestamp: atMs, window: WINDOW });
  return delta === null ? null : timeStep(atMs) + delta;
}

/** 160 random bits (RFC 4226's recommended length for SHA-1), in base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads from the enrollment QR code. */
export function otpauthUri(secret: string, account: string, issuer: string): string {
  return new TOTP({ issuer, label: account, algorithm: ALGORITHM, digits: DIGITS, period: TOTP_PERIOD, secret: Secret.fromBase32(secret) }).toString();
}
