import type { Queryable } from '../store/database';
import { least, millisBetween } from '../store/dialect';

/** An operator's bucket of exact PII lookups, and the run of lookups that found nothing. */
export interface LookupBudgetRow {
  tokens: number;
  refilled_at: string;
  misses: number;
  last_miss_at: string | null;
}

/** The bucket's rules: how many lookups it holds, how fast it refills, and how far apart misses may be and still run on. */
export interface LookupTerms {
  budget: number;
  perMs: number;
  missWindowMs: number;
}

/**
 * Takes one lookup from the operator's bucket and records whether it found someone, in one
 * statement: the bucket refills for the time since it was last taken from (up to `budget`),
 * loses one, and counts the run of misses. Answers the bucket after; `tokens` below 0 means it
 * was already empty, and the caller refuses and rolls the statement back with its transaction.
 * Atomic on the row, so lookups at once, from any desk, each take their own.
 */
export function takeLookup(tx: Queryable, staffId: number, terms: LookupTerms, found: boolean, now: Date): Promise<LookupBudgetRow> {
  const e = tx.engine;
  const at = now.toISOString();
  const since = (column: string) => millisBetween(e, '?', `staff_lookup_budgets.${column}`);
  const refilled = least(e, 'CAST(? AS DOUBLE PRECISION)', `staff_lookup_budgets.tokens + ${since('refilled_at')} * CAST(? AS DOUBLE PRECISION)`);
  return tx.get<LookupBudgetRow>(
    `INSERT INTO staff_lookup_budgets (staff_id, tokens, refilled_at, misses, last_miss_at) VALUES (?, CAST(? AS DOUBLE PRECISION) - 1, ?, ?, ?)
     ON CONFLICT (staff_id) DO UPDATE SET
       tokens = ${refilled} - 1,
       refilled_at = excluded.refilled_at,
       misses = CASE WHEN ? = 1 THEN 0
                     WHEN staff_lookup_budgets.last_miss_at IS NOT NULL AND ${since('last_miss_at')} <= ? THEN staff_lookup_budgets.misses + 1
                     ELSE 1 END,
       last_miss_at = excluded.last_miss_at
     RETURNING tokens, refilled_at, misses, last_miss_at`,
    [staffId, terms.budget, at, found ? 0 : 1, found ? null : at, terms.budget, at, terms.perMs, found ? 1 : 0, at, terms.missWindowMs],
  ) as Promise<LookupBudgetRow>;
}
