import type { SIGN_IN_OUTCOMES } from '../../shared/contract/accounts';
import type { PasswordHasher } from '../crypto/password-hash';
import type { Database, Queryable } from '../store/database';
import type { AccountRow } from './account-repository';
import { diagnose } from './diagnosis';

export type SignInOutcome = (typeof SIGN_IN_OUTCOMES)[number];

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

async function record(tx: Queryable, accountId: number, outcome: SignInOutcome, source: string, now: Date) {
  await tx.run('INSERT INTO account_sign_in_attempts (account_id, at, outcome, source) VALUES (?,?,?,?)', [
    accountId,
    now.toISOString(),
    outcome,
    source,
  ]);
}

/**
 * A jAccount holder's password check, as the token service's sign-in page makes it. The
 * failure count and the lock are updated in one statement, so parallel attempts cannot
 * slip past the limit; every attempt is recorded for the desk's login diagnosis.
 */
export async function checkAccountSignIn(
  { db, passwordHasher }: { db: Database; passwordHasher: PasswordHasher },
  input: { username: string; password: string; source: string },
  now: Date,
): Promise<{ outcome: SignInOutcome; account: AccountRow | null }> {
  const username = input.username.trim().toLowerCase();
  const row = await db.reader.get<AccountRow>('SELECT * FROM accounts WHERE username = ?', [username]);
  if (!row || !row.password_hash) {
    await passwordHasher.verifyDecoy(input.password);
    return { outcome: 'wrong_password', account: null };
  }
  const blocked = OUTCOME_OF_DIAGNOSIS[diagnose(row, now).code];
  if (blocked) {
    await db.write((tx) => record(tx, row.id, blocked, input.source, now));
    return { outcome: blocked, account: row };
  }
  const right = await passwordHasher.verify(input.password, row.password_hash);
  return db.write(async (tx) => {
    // Parallel attempts all passed the first look; the writer queue decides which still count.
    const fresh = await tx.get<{ locked_until: string | null }>('SELECT locked_until FROM accounts WHERE id = ?', [row.id]);
    if (fresh?.locked_until && new Date(fresh.locked_until) > now) {
      await record(tx, row.id, 'locked', input.source, now);
      return { outcome: 'locked' as const, account: row };
    }
    if (right) {
      await tx.run('UPDATE accounts SET failed_attempts = 0, locked_until = NULL WHERE id = ?', [row.id]);
      await record(tx, row.id, 'success', input.source, now);
      return { outcome: 'success' as const, account: row };
    }
    await tx.run(
      `UPDATE accounts SET failed_attempts = failed_attempts + 1,
         locked_until = CASE WHEN failed_attempts + 1 >= ? THEN ? ELSE locked_until END
       WHERE id = ?`,
      [MAX_WRONG_PASSWORDS, new Date(now.getTime() + LOCK_MS).toISOString(), row.id],
    );
    await record(tx, row.id, 'wrong_password', input.source, now);
    return { outcome: 'wrong_password' as const, account: row };
  });
}
