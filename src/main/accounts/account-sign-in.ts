import type { PasswordHasher } from '../crypto/password-hash';
import type { AccountRow } from './account-repository';
import { diagnose } from './diagnosis';
import type { SignInOutcome } from './sign-in-attempt-repository';
import type { Store } from '../repositories';

/** jAccount's lock: this many wrong passwords in a row lock the account for LOCK_MS. */
export const MAX_WRONG_PASSWORDS = 5;
export const LOCK_MS = 15 * 60 * 1000;

const OUTCOME_OF_DIAGNOSIS: Record<string, SignInOutcome> = {
  revoked: 'revoked',
  suspended: 'suspended',
  pending_activation: 'not_activated',
  locked: 'locked',
  password_expired: 'password_expired',
};

/**
 * A jAccount holder's password check, as the token service's sign-in page makes it. The
 * failure count and the lock are updated in one statement, so parallel attempts cannot
 * slip past the limit; every attempt is recorded for the desk's login diagnosis.
 */
export async function checkAccountSignIn(
  { store: db, passwordHasher }: { store: Store; passwordHasher: PasswordHasher },
  input: { username: string; password: string; source: string },
  now: Date,
): Promise<{ outcome: SignInOutcome; account: AccountRow | null }> {
  const username = input.username.trim().toLowerCase();
  const row = await db.reads.accounts.findAccountByUsername(username);
  if (!row || !row.password_hash) {
    await passwordHasher.verifyDecoy(input.password);
    return { outcome: 'wrong_password', account: null };
  }
  const blocked = OUTCOME_OF_DIAGNOSIS[diagnose(row, now).code];
  if (blocked) {
    await db.write((repos) => repos.signInAttempts.recordSignInAttempt(row.id, blocked, input.source, now));
    return { outcome: blocked, account: row };
  }
  const right = await passwordHasher.verify(input.password, row.password_hash);
  return db.write(async (repos) => {
    // Parallel attempts, on this desk or others, all passed the first look; the account's row, locked here, decides which still count.
    const lockedUntil = await repos.credentials.accountLockedUntil(row.id);
    if (lockedUntil && new Date(lockedUntil) > now) {
      await repos.signInAttempts.recordSignInAttempt(row.id, 'locked', input.source, now);
      return { outcome: 'locked' as const, account: row };
    }
    if (right) {
      await repos.credentials.clearAccountFailures(row.id);
      await repos.signInAttempts.recordSignInAttempt(row.id, 'success', input.source, now);
      return { outcome: 'success' as const, account: row };
    }
    await repos.credentials.addAccountFailure(row.id, MAX_WRONG_PASSWORDS, new Date(now.getTime() + LOCK_MS));
    await repos.signInAttempts.recordSignInAttempt(row.id, 'wrong_password', input.source, now);
    return { outcome: 'wrong_password' as const, account: row };
  });
}
