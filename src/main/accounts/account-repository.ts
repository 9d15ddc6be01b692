import type { AccountCategory, AccountStatus } from '../../shared/identity/account';
import type { DocumentType } from '../../shared/identity/documents';
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

/** The sealed and indexed column values of an account's PII. */
export function piiColumns(vault: PiiVault, f: Pick<AccountFields, 'document' | 'mobile' | 'email'>) {
  return {
    doc_sealed: vault.seal('document', f.document.number),
    doc_index: vault.index('document', f.document.number),
    mobile_sealed: f.mobile ? vault.seal('mobile', f.mobile) : null,
    mobile_index: f.mobile ? vault.index('mobile', f.mobile) : null,
    email_sealed: f.email ? vault.seal('email', f.email) : null,
    email_index: f.email ? vault.index('email', f.email) : null,
  };
}

export async function insertAccount(tx: Queryable, vault: PiiVault, f: AccountFields, now: Date, syllables?: string[]) {
  const pii = piiColumns(vault, f);
  const at = now.toISOString();
  const { lastID } = await tx.run(
    `INSERT INTO accounts (username, real_name, category, number, department, doc_type, doc_sealed, doc_index,
       mobile_sealed, mobile_index, email_sealed, email_index, status, created_at, updated_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    [
      f.username,
      f.realName,
      f.category,
      f.number,
      f.department,
      f.document.type,
      pii.doc_sealed,
      pii.doc_index,
      pii.mobile_sealed,
      pii.mobile_index,
      pii.email_sealed,
      pii.email_index,
      f.status,
      at,
      at,
    ],
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
  'doc_sealed',
  'mobile_sealed',
  'email_sealed',
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
