import { DeskError } from '../../shared/errors';
import type { DocumentType } from '../../shared/identity/documents';
import { normalizeDocumentNumber } from '../../shared/identity/documents';
import type { AccountRow } from '../accounts/account-repository';
import type { PiiVault } from '../accounts/pii-vault';
import type { Queryable } from '../store/database';

/** A recorded in-person check covers the counter actions that follow for this long. */
export const ID_CHECK_VALID_MS = 15 * 60 * 1000;

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

export interface IdentityCheckResult {
  matched: boolean;
  typeMatched: boolean;
  digitsMatched: boolean;
  validUntil: string | null;
}

/**
 * Records what the operator saw on the presented document (its type and its last characters)
 * and compares it with the sealed document on record. Only the outcome is kept, never the
 * characters read.
 */
export async function recordIdentityCheck(
  tx: Queryable,
  vault: PiiVault,
  account: AccountRow,
  seen: { documentType: DocumentType; lastCharacters: string; operator: string; desk: string },
  now: Date,
): Promise<IdentityCheckResult> {
  const onRecord = vault.open('document', account.doc_sealed);
  const typed = normalizeDocumentNumber(seen.lastCharacters);
  const typeMatched = account.doc_type === seen.documentType;
  const digitsMatched = typed.length > 0 && typed.length < onRecord.length && onRecord.endsWith(typed);
  const matched = typeMatched && digitsMatched;
  await tx.run(
    `INSERT INTO identity_checks (account_id, operator, desk, document_type, digits_compared, type_matched, digits_matched, matched, at)
     VALUES (?,?,?,?,?,?,?,?,?)`,
    [account.id, seen.operator, seen.desk, seen.documentType, typed.length, +typeMatched, +digitsMatched, +matched, now.toISOString()],
  );
  return { matched, typeMatched, digitsMatched, validUntil: matched ? new Date(now.getTime() + ID_CHECK_VALID_MS).toISOString() : null };
}

/** The latest check of this account within the validity window, by anyone (for the card) or by one operator. */
export function latestIdentityCheck(db: Queryable, accountId: number, now: Date, operator?: string) {
  const since = new Date(now.getTime() - ID_CHECK_VALID_MS).toISOString();
  return db.get<IdentityCheckRow>(
    `SELECT * FROM identity_checks WHERE account_id = ? AND at > ? ${operator ? 'AND operator = ?' : ''} ORDER BY at DESC, id DESC LIMIT 1`,
    operator ? [accountId, since, operator] : [accountId, since],
  );
}

/**
 * Counter actions on an account (unlock, counter code, username to the bound contact) need the
 * acting operator's own check of the person's document in the last 15 minutes, and its latest
 * check must have matched: a mismatch blocks until a new check matches.
 */
export async function requireIdentityCheck(db: Queryable, accountId: number, operator: string, now: Date): Promise<void> {
  const check = await latestIdentityCheck(db, accountId, now, operator);
  if (!check) {
    throw new DeskError('CONFLICT', 'id: check the person\'s identity document in person and record it first (valid 15 minutes)', {
      params: { reason: 'id_check_required' },
    });
  }
  if (!check.matched) {
    throw new DeskError('CONFLICT', 'id: the last identity check did not match the document on record', {
      params: { reason: 'id_check_mismatch' },
    });
  }
}
