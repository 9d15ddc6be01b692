import { DeskError } from '../../shared/errors';
import type { DocumentType } from '../../shared/identity/documents';
import { normalizeDocumentNumber } from '../../shared/identity/documents';
import { hiddenCheckSegment } from '../../shared/identity/masking';
import type { AccountRow } from '../accounts/account-repository';
import type { PiiVault } from '../accounts/pii-vault';
import type { IdentityCheckRow } from './identity-check-repository';
import type { Repositories } from '../repositories';

export type { IdentityCheckRow };

/** A recorded in-person check covers the counter actions that follow for this long. */
export const ID_CHECK_VALID_MS = 15 * 60 * 1000;
/**
 * Checks that do not match, of one account by anyone, before further checks wait: each check
 * tells whether a guess of the hidden characters was right, so unlimited checks would be an
 * oracle for them (a resident ID's birth date among a few thousand days).
 */
export const ID_CHECK_MISMATCH_LIMIT = 3;
export const ID_CHECK_MISMATCH_WINDOW_MS = 60 * 60 * 1000;

export interface IdentityCheckResult {
  matched: boolean;
  typeMatched: boolean;
  digitsMatched: boolean;
  validUntil: string | null;
}

/**
 * Records what the operator read off the presented document (its type and the characters the
 * console never shows, see hiddenCheckSegment) and compares it with the sealed document on
 * record. Only the outcome is kept, never the characters read.
 */
export async function recordIdentityCheck(
  repos: Repositories,
  vault: PiiVault,
  account: AccountRow,
  seen: { documentType: DocumentType; hiddenCharacters: string; operator: string; desk: string },
  now: Date,
): Promise<IdentityCheckResult> {
  const misses = await repos.identityChecks.mismatchesSince(account.id, new Date(now.getTime() - ID_CHECK_MISMATCH_WINDOW_MS));
  if (misses.count >= ID_CHECK_MISMATCH_LIMIT) {
    const until = new Date(Date.parse(misses.oldest!) + ID_CHECK_MISMATCH_WINDOW_MS).toISOString();
    throw new DeskError('CONFLICT', `id: ${misses.count} identity checks of this account did not match; the next one is possible after ${until}`, {
      params: { reason: 'id_check_limit', until },
    });
  }
  const expected = hiddenCheckSegment(vault.open('document', account.doc_sealed));
  const typed = normalizeDocumentNumber(seen.hiddenCharacters);
  const typeMatched = account.doc_type === seen.documentType;
  const digitsMatched = expected.length > 0 && typed === expected;
  await repos.identityChecks.insertIdentityCheck(
    { accountId: account.id, operator: seen.operator, desk: seen.desk, documentType: seen.documentType, compared: typed.length, typeMatched, digitsMatched },
    now,
  );
  const matched = typeMatched && digitsMatched;
  return { matched, typeMatched, digitsMatched, validUntil: matched ? new Date(now.getTime() + ID_CHECK_VALID_MS).toISOString() : null };
}

/** The latest check of this account within the validity window, by anyone (for the card) or by one operator. */
export function latestIdentityCheck(repos: Repositories, accountId: number, now: Date, operator?: string) {
  return repos.identityChecks.latestIdentityCheckSince(accountId, new Date(now.getTime() - ID_CHECK_VALID_MS), operator);
}

/**
 * Counter actions on an account (unlock, counter code, username to the bound contact) need the
 * acting operator's own check of the person's document in the last 15 minutes, and its latest
 * check must have matched: a mismatch blocks until a new check matches.
 */
export async function requireIdentityCheck(repos: Repositories, accountId: number, operator: string, now: Date): Promise<void> {
  const check = await latestIdentityCheck(repos, accountId, now, operator);
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
