import { DeskError } from '../../shared/errors';
import { type CallContext, requireSession } from '../rpc/context';
import type { LookupBudgetRow } from './lookup-budget-repository';

/** This many exact lookups in a row that find nothing, none further apart than MISS_WINDOW_MS, lock the workstation. */
export const MISS_BURST = 10;
export const MISS_WINDOW_MS = 5 * 60 * 1000;

/** A lookup taken from the budget, whose outcome is still to be recorded (once, with recordPiiLookup or recordPiiLookupOnRefusal). */
export interface SpentLookup {
  staffId: number;
  sessionId: number;
  after: LookupBudgetRow;
}

/**
 * An exact lookup by mobile, email or document tells whether a guessed value exists, so it is
 * an oracle for the digits a mask hides. Each operator has a budget of them (a setting: so
 * many per so many minutes), kept as a token bucket that refills evenly over the period and
 * is checked and spent in the lookup's own transaction, so parallel calls cannot pass it.
 * Call before the lookup.
 */
export async function spendPiiLookup(ctx: CallContext): Promise<SpentLookup> {
  const session = requireSession(ctx);
  const { piiLookupBudget: budget, piiLookupWindowMinutes: minutes } = session.settings;
  const perMs = budget / (minutes * 60_000);
  const row = await ctx.repos.lookupBudgets.findLookupBudget(session.staff.id);
  const elapsed = row ? Math.max(0, ctx.now.getTime() - Date.parse(row.refilled_at)) : Infinity;
  const tokens = Math.min(budget, (row?.tokens ?? budget) + elapsed * perMs);
  if (tokens < 1) {
    const until = new Date(ctx.now.getTime() + Math.ceil((1 - tokens) / perMs)).toISOString();
    throw new DeskError('LOOKUP_LIMIT', `query: ${budget} exact lookups by mobile, email or document in ${minutes} minutes are spent; the next is possible after ${until}`, {
      params: { budget, minutes, until },
    });
  }
  const after = { tokens: tokens - 1, refilled_at: ctx.now.toISOString(), misses: row?.misses ?? 0, last_miss_at: row?.last_miss_at ?? null };
  return { staffId: session.staff.id, sessionId: session.id, after };
}

/** The bucket after the lookup, and whether it completes a burst of misses. */
function outcome(ctx: CallContext, spent: SpentLookup, found: boolean): { row: LookupBudgetRow; burst: boolean } {
  if (found) return { row: { ...spent.after, misses: 0, last_miss_at: null }, burst: false };
  const recent = spent.after.last_miss_at !== null && ctx.now.getTime() - Date.parse(spent.after.last_miss_at) <= MISS_WINDOW_MS;
  const misses = (recent ? spent.after.misses : 0) + 1;
  return { row: { ...spent.after, misses, last_miss_at: ctx.now.toISOString() }, burst: misses >= MISS_BURST };
}

/** Locks the workstation after a burst of misses: written although the call fails, with the lookup that completed it. */
function lockAfterBurst(ctx: CallContext, spent: SpentLookup, row: LookupBudgetRow): never {
  ctx.onFailure(async (repos) => {
    await repos.lookupBudgets.saveLookupBudget(spent.staffId, row);
    await repos.sessions.updateSession(spent.sessionId, { locked: true });
  });
  throw new DeskError('SESSION_LOCKED', `${MISS_BURST} exact lookups in a row found nothing; the workstation is locked`, {
    params: { reason: 'lookup_misses', count: MISS_BURST },
  });
}

/**
 * Records the outcome of a lookup whose call goes on. A run of lookups that find nothing is
 * what guessing looks like: the workstation locks (the password unlocks it), and each further
 * miss locks it again until a lookup finds someone or the misses stop.
 */
export async function recordPiiLookup(ctx: CallContext, spent: SpentLookup, found: boolean): Promise<void> {
  const { row, burst } = outcome(ctx, spent, found);
  if (burst) lockAfterBurst(ctx, spent, row);
  await ctx.repos.lookupBudgets.saveLookupBudget(spent.staffId, row);
}

/** Records the outcome of a lookup answered with a refusal (an account exists; no such account): kept although the call fails. */
export function recordPiiLookupOnRefusal(ctx: CallContext, spent: SpentLookup, found: boolean): void {
  const { row, burst } = outcome(ctx, spent, found);
  if (burst) lockAfterBurst(ctx, spent, row);
  ctx.onFailure((repos) => repos.lookupBudgets.saveLookupBudget(spent.staffId, row));
}
