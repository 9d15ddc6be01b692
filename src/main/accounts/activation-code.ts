import crypto from 'node:crypto';
import { sha256 } from '../crypto/one-time-password';
import type { Repositories } from '../repositories';

export const ACTIVATION_CODE_TTL_MS = 24 * 60 * 60 * 1000;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function activationCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** A fresh single-use activation code for a pending account: only its hash is stored; the caller shows or sends it once. */
export async function issueActivationCode(repos: Repositories, accountId: number, issuedBy: string, now: Date) {
  const code = activationCode();
  const expiresAt = new Date(now.getTime() + ACTIVATION_CODE_TTL_MS).toISOString();
  await repos.activationCodes.insertActivationCode({ accountId, codeHash: sha256(code.replace(/-/g, '')), expiresAt, issuedBy }, now);
  return { code, expiresAt };
}
