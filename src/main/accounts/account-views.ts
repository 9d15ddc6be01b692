import type { AccountSummary } from '../../shared/contract/accounts';
import { maskDocument, maskEmail, maskMobile } from '../../shared/identity/masking';
import type { SummaryRow } from './account-repository';
import type { PiiVault } from './pii-vault';

/** What the counter sees of an account: PII opened only to be masked, never sent whole. */
export function toSummary(row: SummaryRow, vault: PiiVault, now: Date, matchedBy: AccountSummary['matchedBy'] = null): AccountSummary {
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
    documentMasked: maskDocument(vault.open('document', row.doc_sealed)),
    mobileMasked: row.mobile_sealed ? maskMobile(vault.open('mobile', row.mobile_sealed)) : null,
    emailMasked: row.email_sealed ? maskEmail(vault.open('email', row.email_sealed)) : null,
    matchedBy,
  };
}
