import { DeskError } from '../../shared/errors';
import { type CallContext, requireSession } from '../rpc/context';
import type { Repositories } from '../repositories';

/** This many exact lookups in a row that find nothing, none further apart than MISS_WINDOW_MS, lock the workstation. */
export const MISS_BURST = 10;
export const MISS_WINDOW_MS = 5 * 60 * 1000;

/**
 * An exact lookup by mobile, email or document tells whether a guessed value exists, so it is
 * an oracle for the digits a mask hides. Each operator has a budget of them (a setting: so
 * many per so many minutes), kept as a token bucket that refills evenly over the period. Call
 * once the lookup knows whether it found someone, and before its answer leaves: the lookup is
 * taken from the bucket and its outcome recorded in one statement of the lookup's own
 * transaction, so parallel calls cannot pass the budget, and a bucket that was empty refuses
 * the answer (the statement rolls back with the call). A run of lookups that find nothing is
 * what guessing looks like: the workstation locks (the password unlocks it), and each further
 * miss locks it again until a lookup finds someone or the misses stop.
 *
 * `refusing`: the call goes on to answer with a refusal (an account exists; no such account),
 * which rolls its writes back: the lookup is taken again among the writes that persist.
 */
export async function takePiiLookup(ctx: CallContext, found: boolean, options: { refusing?: boolean } = {}): Promise<void> {
  const session = requireSession(ctx);
  const { piiLookupBudget: budget, piiLookupWindowMinutes: minutes } = session.settings;
  const perMs = budget / (minutes * 60_000);
  const take = (repos: Repositories) => repos.lookupBudgets.takeLookup(session.staff.id, { budget, perMs, missWindowMs: MISS_WINDOW_MS }, found, ctx.now);
  const after = await take(ctx.repos);
  const before = after.tokens + 1;
  if (before < 1) {
    const until = new Date(ctx.now.getTime() + Math.ceil((1 - before) / perMs)).toISOString();
    throw new DeskError('LOOKUP_LIMIT', `query: ${budget} exact lookups by mobile, email or document in ${minutes} minutes are spent; the next is possible after ${until}`, {
      params: { budget, minutes, until },
    });
  }
  if (!found && after.misses >= MISS_BURST) {
    // Written although the call fails, with the lookup that completed the burst.
    ctx.onFailure(async (repos) => {
      await take(repos);
      await repos.sessions.updateSession(session.id, { locked: true });
    });
    throw new DeskError('SESSION_LOCKED', `${MISS_BURST} exact lookups in a row found nothing; the workstation is locked`, {
      params: { reason: 'lookup_misses', count: MISS_BURST },
    });
  }
  if (options.refusing) ctx.onFailure(async (repos) => void (await take(repos)));
}
