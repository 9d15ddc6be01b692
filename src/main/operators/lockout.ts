import { DeskError } from '../../shared/errors';
import type { CallContext } from '../rpc/context';
import type { LockSubject } from './lockout-repository';

export type { LockSubject };

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

function lockedError(until: string) {
  return new DeskError('STAFF_LOCKED', `too many failed attempts; try again after ${until}`, { params: { until } });
}

/**
 * The one lockout gate every staff authentication step goes through: the password at sign-in,
 * the two-step code, the unlock password, the current password when changing it, and
 * re-enrollment. A locked account is refused before anything is checked, in every session; a
 * wrong answer of any kind counts towards the same lock, written in the transaction that read
 * the lock (the router keeps failure writes when it rolls the handler back), so parallel
 * guesses cannot pass the limit. The count starts again only when a sign-in completes.
 */
export async function throughLockout(ctx: CallContext, who: LockSubject, check: () => Promise<boolean>, wrong: () => DeskError): Promise<void> {
  const until = await ctx.repos.lockouts.lockedUntil(who);
  if (until && new Date(until) > ctx.now) throw lockedError(until);
  if (await check()) return;
  const lockUntil = new Date(ctx.now.getTime() + LOCKOUT_MS);
  ctx.onFailure(async (repos) => {
    // Another desk's attempt locked the subject while this one was checked: this one does not count, and says so.
    if (!(await repos.lockouts.addFailure(who, MAX_FAILED_ATTEMPTS, lockUntil, ctx.now))) return lockedError((await repos.lockouts.lockedUntil(who)) ?? lockUntil.toISOString());
  });
  throw wrong();
}
