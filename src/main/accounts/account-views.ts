import type { AccountSummary } from '../../shared/contract/accounts';
import type { SummaryRow } from './account-repository';

/** What the counter sees of an account: the masked forms stored beside the sealed PII, never the PII. */
export function toSummary(row: SummaryRow, now: Date, matchedBy: AccountSummary['matchedBy'] = null): AccountSummary {
  return {
    id: row.id,
    username: row.username,
    realName: row.real_name,
    category: row.category,
    number: row.number,
    department: row.department,
    status: row.status,
    locked: row.locked_until !== null && new Date(row.locked_until) > now,
    documentType: row.doc_type,
    documentMasked: row.doc_masked,
    mobileMasked: row.mobile_masked,
    emailMasked: row.email_masked,
    matchedBy,
  };
}
