import crypto from 'node:crypto';
import { activationCode } from '../accounts/activation-code';
import { normalizeActivationCode } from '../accounts/activation';
import {
  type CloseReason,
  type RecoveryChannel,
  type RecoveryCodeRow,
  type RecoveryPurpose
} from './recovery-code-repository';
import type { Repositories } from '../repositories';

export type { CloseReason, RecoveryChannel, RecoveryCodeRow, RecoveryPurpose };

/** A self-service code lives 10 minutes; a counter code as long as the operator chose, 10 to 60. */
export const SELF_RESET_TTL_MS = 10 * 60 * 1000;
export const COUNTER_CODE_MINUTES = { min: 10, max: 60 } as const;
/** The fifth wrong try kills a code. */
export const MAX_CODE_ATTEMPTS = 5;

/** Six digits for a code typed off a text message or an email. */
export const selfResetCode = () => String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
/** The counter slip's code: the activation code's 12 characters (60 bits), `ABCD-EFGH-JKLM`. */
export const counterCode = activationCode;
export const normalizeCode = normalizeActivationCode;

/**
 * Codes are kept as an HMAC under a key derived from the data key, bound to the account: a
 * copied table cannot be brute-forced offline (six digits are only a million guesses).
 */
export class RecoveryCodeHasher {
  constructor(private readonly key: Buffer) {}

  hash(accountId: number, code: string): string {
    return crypto.createHmac('sha256', this.key).update(`${accountId}\u0000${normalizeCode(code)}`).digest('base64url');
  }

  matches(row: RecoveryCodeRow, code: string): boolean {
    const given = Buffer.from(this.hash(row.account_id, code));
    const stored = Buffer.from(row.code_hash);
    return given.length === stored.length && crypto.timingSafeEqual(given, stored);
  }
}

/**
 * The account's open code for a purpose; one past its expiry is closed as expired on the way.
 * Always inside a write: the account's codes are held from here to the commit.
 */
export async function openCode(repos: Repositories, accountId: number, purpose: RecoveryPurpose, now: Date): Promise<RecoveryCodeRow | null> {
  await repos.recoveryCodes.holdAccountCodes(accountId);
  const row = await repos.recoveryCodes.findUnclosedRecoveryCode(accountId, purpose);
  if (!row) return null;
  if (new Date(row.expires_at) > now) return row;
  await repos.recoveryCodes.closeRecoveryCode(row.id, 'expired', now);
  return null;
}

/** Stores a new code (hash only), closing the open one of the same purpose with `replaced` as the reason. */
export async function storeCode(
  repos: Repositories,
  hasher: RecoveryCodeHasher,
  code: { accountId: number; purpose: RecoveryPurpose; channel: RecoveryChannel; value: string; ttlMs: number; issuedBy: string; desk: string | null },
  now: Date,
  replaced: CloseReason = 'superseded',
): Promise<{ expiresAt: string; replaced: boolean }> {
  const previous = await openCode(repos, code.accountId, code.purpose, now);
  if (previous) await repos.recoveryCodes.closeRecoveryCode(previous.id, replaced, now);
  const expiresAt = new Date(now.getTime() + code.ttlMs).toISOString();
  const codeHash = hasher.hash(code.accountId, code.value);
  await repos.recoveryCodes.insertRecoveryCode(
    { accountId: code.accountId, purpose: code.purpose, channel: code.channel, codeHash, expiresAt, issuedBy: code.issuedBy, desk: code.desk },
    now,
  );
  return { expiresAt, replaced: previous !== null };
}

export type CodeCheck = { ok: true; row: RecoveryCodeRow } | { ok: false; attemptsLeft: number };

/**
 * Checks a typed code against the account's open one, inside the caller's transaction: a match
 * spends it; a miss counts against it and the fifth miss closes it. The caller commits either way
 * (the count must persist) and refuses afterwards.
 */
export async function spendCode(
  repos: Repositories,
  hasher: RecoveryCodeHasher,
  accountId: number,
  purpose: RecoveryPurpose,
  typed: string,
  now: Date,
): Promise<CodeCheck> {
  const row = await openCode(repos, accountId, purpose, now);
  if (!row) return { ok: false, attemptsLeft: 0 };
  if (hasher.matches(row, typed)) {
    await repos.recoveryCodes.closeRecoveryCode(row.id, 'used', now);
    return { ok: true, row };
  }
  const attempts = row.attempts + 1;
  await repos.recoveryCodes.setRecoveryCodeAttempts(row.id, attempts);
  if (attempts >= MAX_CODE_ATTEMPTS) await repos.recoveryCodes.closeRecoveryCode(row.id, 'exhausted', now);
  return { ok: false, attemptsLeft: Math.max(0, MAX_CODE_ATTEMPTS - attempts) };
}

/** Cancels the open code of a purpose; says whether there was one. */
export async function cancelCode(repos: Repositories, accountId: number, purpose: RecoveryPurpose, now: Date): Promise<boolean> {
  const row = await openCode(repos, accountId, purpose, now);
  if (row) await repos.recoveryCodes.closeRecoveryCode(row.id, 'cancelled', now);
  return row !== null;
}
