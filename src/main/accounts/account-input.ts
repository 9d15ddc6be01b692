import { ACCOUNT_CATEGORIES, type AccountCategory } from '../../shared/identity/account';
import { nameProblem, normalizeEmail, normalizeMobile } from '../../shared/identity/contacts';
import { DOCUMENT_TYPES, type DocumentType, documentProblem, normalizeDocumentNumber } from '../../shared/identity/documents';
import type { AccountFields } from './account-repository';

export interface RawAccountInput {
  realName?: string;
  category?: string;
  number?: string;
  department?: string;
  documentType?: string;
  documentNumber?: string;
  mobile?: string;
  email?: string;
}

export interface InputIssue {
  field: string;
  reason: string;
}

/**
 * Validates and normalizes one person's data, from the counter form or an import row.
 * Every problem is reported by field, not just the first.
 */
export function readAccountInput(
  raw: RawAccountInput,
  now: Date,
  options: { mobileRequired: boolean },
): { ok: true; fields: Omit<AccountFields, 'username' | 'status'> } | { ok: false; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  const realName = (raw.realName ?? '').trim().replace(/\s+/g, ' ');
  const nameIssue = nameProblem(realName);
  if (nameIssue) issues.push({ field: 'realName', reason: nameIssue });

  const category = (raw.category ?? '').trim().toLowerCase();
  if (!ACCOUNT_CATEGORIES.includes(category as AccountCategory)) issues.push({ field: 'category', reason: 'unknown_category' });

  const number = raw.number?.trim().toUpperCase() || null;
  if (number !== null && !/^[A-Z0-9]{4,20}$/.test(number)) issues.push({ field: 'number', reason: 'format' });

  const department = (raw.department ?? '').trim();
  if (!department) issues.push({ field: 'department', reason: 'empty' });
  else if (department.length > 64) issues.push({ field: 'department', reason: 'too_long' });

  const documentType = (raw.documentType ?? '').trim() as DocumentType;
  const documentNumber = normalizeDocumentNumber(raw.documentNumber ?? '');
  if (!DOCUMENT_TYPES.includes(documentType)) issues.push({ field: 'documentType', reason: 'unknown_document_type' });
  else {
    const problem = documentProblem(documentType, documentNumber, now);
    if (problem) issues.push({ field: 'documentNumber', reason: problem });
  }

  const mobileRaw = raw.mobile?.trim() ?? '';
  const mobile = mobileRaw ? normalizeMobile(mobileRaw) : null;
  if (mobileRaw && !mobile) issues.push({ field: 'mobile', reason: 'format' });
  if (!mobileRaw && options.mobileRequired) issues.push({ field: 'mobile', reason: 'required' });

  const emailRaw = raw.email?.trim() ?? '';
  const email = emailRaw ? normalizeEmail(emailRaw) : null;
  if (emailRaw && !email) issues.push({ field: 'email', reason: 'format' });

  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    fields: {
      realName,
      category: category as AccountCategory,
      number,
      department,
      document: { type: documentType, number: documentNumber },
      mobile,
      email,
    },
  };
}
