import type { SIGN_IN_OUTCOMES } from '../../shared/contract/accounts';
import type { Queryable } from '../store/database';

export type SignInOutcome = (typeof SIGN_IN_OUTCOMES)[number];

/** Every holder sign-in attempt, for the desk's login diagnosis (table `account_sign_in_attempts`). */
export async function recordSignInAttempt(tx: Queryable, accountId: number, outcome: SignInOutcome, source: string, now: Date): Promise<void> {
  await tx.run('INSERT INTO account_sign_in_attempts (account_id, at, outcome, source) VALUES (?,?,?,?)', [accountId, now.toISOString(), outcome, source]);
}

/** The account's latest attempts, newest first. */
export function recentSignInAttempts(db: Queryable, accountId: number, limit: number) {
  return db.all<{ at: string; outcome: SignInOutcome; source: string }>(
    'SELECT at, outcome, source FROM account_sign_in_attempts WHERE account_id = ? ORDER BY at DESC, id DESC LIMIT ?',
    [accountId, limit],
  );
}
