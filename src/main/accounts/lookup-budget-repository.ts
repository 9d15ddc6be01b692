import type { Queryable } from '../store/database';

/** An operator's bucket of exact PII lookups, and the run of lookups that found nothing. */
export interface LookupBudgetRow {
  tokens: number;
  refilled_at: string;
  misses: number;
  last_miss_at: string | null;
}

export function findLookupBudget(db: Queryable, staffId: number): Promise<LookupBudgetRow | undefined> {
  return db.get<LookupBudgetRow>('SELECT tokens, refilled_at, misses, last_miss_at FROM staff_lookup_budgets WHERE staff_id = ?', [staffId]);
}

export async function saveLookupBudget(tx: Queryable, staffId: number, row: LookupBudgetRow): Promise<void> {
  await tx.run(
    `INSERT INTO staff_lookup_budgets (staff_id, tokens, refilled_at, misses, last_miss_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (staff_id) DO UPDATE SET tokens = excluded.tokens, refilled_at = excluded.refilled_at,
       misses = excluded.misses, last_miss_at = excluded.last_miss_at`,
    [staffId, row.tokens, row.refilled_at, row.misses, row.last_miss_at],
  );
}
