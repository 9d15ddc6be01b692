import type { DocumentType } from '../../shared/identity/documents';
import type { Queryable } from '../store/database';

export interface IdentityCheckRow {
  id: number;
  account_id: number;
  operator: string;
  desk: string;
  document_type: DocumentType;
  digits_compared: number;
  type_matched: number;
  digits_matched: number;
  matched: number;
  at: string;
}

export async function insertIdentityCheck(
  tx: Queryable,
  check: { accountId: number; operator: string; desk: string; documentType: DocumentType; compared: number; typeMatched: boolean; digitsMatched: boolean },
  now: Date,
): Promise<void> {
  await tx.run(
    `INSERT INTO identity_checks (account_id, operator, desk, document_type, digits_compared, type_matched, digits_matched, matched, at)
     VALUES (?,?,?,?,?,?,?,?,?)`,
    [
      check.accountId,
      check.operator,
      check.desk,
      check.documentType,
      check.compared,
      +check.typeMatched,
      +check.digitsMatched,
      +(check.typeMatched && check.digitsMatched),
      now.toISOString(),
    ],
  );
}

/** The latest check of this account since a time, by anyone or by one operator. */
export function latestIdentityCheckSince(db: Queryable, accountId: number, since: Date, operator?: string) {
  return db.get<IdentityCheckRow>(
    `SELECT * FROM identity_checks WHERE account_id = ? AND at > ? ${operator ? 'AND operator = ?' : ''} ORDER BY at DESC, id DESC LIMIT 1`,
    operator ? [accountId, since.toISOString(), operator] : [accountId, since.toISOString()],
  );
}

/** How many checks of this account did not match since a time, and when the oldest of them was. */
export async function mismatchesSince(db: Queryable, accountId: number, since: Date): Promise<{ count: number; oldest: string | null }> {
  const row = await db.get<{ count: number; oldest: string | null }>(
    'SELECT count(*) AS count, min(at) AS oldest FROM identity_checks WHERE account_id = ? AND at > ? AND matched = 0',
    [accountId, since.toISOString()],
  );
  return row ?? { count: 0, oldest: null };
}

/** The account's latest checks, newest first. */
export function recentIdentityChecks(db: Queryable, accountId: number, limit: number): Promise<IdentityCheckRow[]> {
  return db.all<IdentityCheckRow>('SELECT * FROM identity_checks WHERE account_id = ? ORDER BY at DESC, id DESC LIMIT ?', [accountId, limit]);
}
