import type { AccountCategory, AccountStatus } from '../../shared/identity/account';
import type { DocumentType } from '../../shared/identity/documents';
import { maskDocument, maskEmail, maskMobile } from '../../shared/identity/masking';
import type { Queryable } from '../store/database';
import { nameKeys } from './name-keys';
import type { PiiVault } from './pii-vault';

export interface AccountRow {
  id: number;
  username: string | null;
  real_name: string;
  category: AccountCategory;
  number: string | null;
  department: string;
  doc_type: DocumentType;
  doc_sealed: string;
  doc_index: string;
  mobile_sealed: string | null;
  mobile_index: string | null;
  email_sealed: string | null;
  email_index: string | null;
  doc_masked: string;
  mobile_masked: string | null;
  email_masked: string | null;
  status: AccountStatus;
  status_reason: string | null;
  failed_attempts: number;
  locked_until: string | null;
  password_hash: string | null;
  password_changed_at: string | null;
  password_expires_at: string | null;
  activation_sent_at: string | null;
  activation_channel: string | null;
  created_at: string;
  updated_at: string;
}

/** An account's fields in the clear, validated and normalized, as services hand them over. */
export interface AccountFields {
  username: string | null;
  realName: string;
  category: AccountCategory;
  number: string | null;
  department: string;
  document: { type: DocumentType; number: string };
  mobile: string | null;
  email: string | null;
  status: AccountStatus;
}

/** The sealed, indexed and masked column values of an account's PII: the only place they are made. */
export function piiColumns(vault: PiiVault, f: Pick<AccountFields, 'document' | 'mobile' | 'email'>) {
  return {
    doc_sealed: vault.seal('document', f.document.number),
    doc_index: vault.index('document', f.document.number),
    doc_masked: maskDocument(f.document.number),
    ...contactColumns(vault, f),
  };
}

/** The sealed, indexed and masked column values of an account's bound contacts (null when not bound). */
export function contactColumns(vault: PiiVault, f: Pick<AccountFields, 'mobile' | 'email'>) {
  return {
    mobile_sealed: f.mobile ? vault.seal('mobile', f.mobile) : null,
    mobile_index: f.mobile ? vault.index('mobile', f.mobile) : null,
    mobile_masked: f.mobile ? maskMobile(f.mobile) : null,
    email_sealed: f.email ? vault.seal('email', f.email) : null,
    email_index: f.email ? vault.index('email', f.email) : null,
    email_masked: f.email ? maskEmail(f.email) : null,
  };
}

/** The PII columns, in the order `piiValues` gives their values. */
export const PII_COLUMNS = [
  'doc_sealed',
  'doc_index',
  'doc_masked',
  'mobile_sealed',
  'mobile_index',
  'mobile_masked',
  'email_sealed',
  'email_index',
  'email_masked',
] as const satisfies readonly (keyof AccountRow)[];

export const piiValues = (pii: ReturnType<typeof piiColumns>) => PII_COLUMNS.map((c) => pii[c]);

export async function insertAccount(tx: Queryable, vault: PiiVault, f: AccountFields, now: Date, syllables?: string[]) {
  const at = now.toISOString();
  const values = [f.username, f.realName, f.category, f.number, f.department, f.document.type, ...piiValues(piiColumns(vault, f)), f.status, at, at];
  const { lastID } = await tx.run(
    `INSERT INTO accounts (username, real_name, category, number, department, doc_type, ${PII_COLUMNS.join(', ')}, status, created_at, updated_at)
     VALUES (${values.map(() => '?').join(', ')})`,
    values,
  );
  await writeNameKeys(tx, lastID, f, syllables);
  return lastID;
}

/** What a name key row carries besides its key: the account's filterable fields. */
export type NameKeyFields = Pick<AccountFields, 'realName' | 'department' | 'category' | 'status'>;

/** Replaces an account's name keys; run it inside the transaction that writes the account. */
export async function writeNameKeys(tx: Queryable, accountId: number, f: NameKeyFields, syllables?: string[]) {
  await tx.run('DELETE FROM account_name_keys WHERE account_id = ?', [accountId]);
  const keys = nameKeys(f.realName, syllables);
  await tx.run(
    `INSERT OR IGNORE INTO account_name_keys (key, account_id, department, category, status)
     SELECT value, ?, ?, ?, ? FROM json_each(?)`,
    [accountId, f.department, f.category, f.status, JSON.stringify(keys)],
  );
}

export function findAccountById(db: Queryable, id: number) {
  return db.get<AccountRow>('SELECT * FROM accounts WHERE id = ?', [id]);
}

/** The columns an account summary is made of (search answers carry pages of them). */
export const SUMMARY_COLUMNS = [
  'id',
  'username',
  'real_name',
  'category',
  'number',
  'department',
  'status',
  'locked_until',
  'doc_type',
  'doc_masked',
  'mobile_masked',
  'email_masked',
] as const satisfies readonly (keyof AccountRow)[];
export type SummaryRow = Pick<AccountRow, (typeof SUMMARY_COLUMNS)[number]>;

/** `a.id, a.username, ...` for statements reading summaries of accounts aliased `a`. */
export const summaryColumnsOf = (alias: string) => SUMMARY_COLUMNS.map((c) => `${alias}.${c}`).join(', ');

const SUMMARY = SUMMARY_COLUMNS.join(', ');

/** Exact lookups, each on a unique or indexed column. */
export const EXACT_LOOKUPS = {
  username: `SELECT ${SUMMARY} FROM accounts WHERE username = ?`,
  number: `SELECT ${SUMMARY} FROM accounts WHERE number = ?`,
  mobile: `SELECT ${SUMMARY} FROM accounts WHERE mobile_index = ? LIMIT 20`,
  email: `SELECT ${SUMMARY} FROM accounts WHERE email_index = ? LIMIT 20`,
  document: `SELECT ${SUMMARY} FROM accounts WHERE doc_index = ?`,
} as const;
export type ExactKind = keyof typeof EXACT_LOOKUPS;
