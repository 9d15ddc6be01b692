import type { AccountCategory, AccountStatus } from '../../shared/identity/account';
import type { DocumentType } from '../../shared/identity/documents';
import { maskDocument, maskEmail, maskMobile } from '../../shared/identity/masking';
import type { Queryable } from '../store/database';
import { jsonRows, jsonTexts } from '../store/dialect';
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
  const { id } = (await tx.get<{ id: number }>(
    `INSERT INTO accounts (username, real_name, category, number, department, doc_type, ${PII_COLUMNS.join(', ')}, status, created_at, updated_at)
     VALUES (${values.map(() => '?').join(', ')}) RETURNING id`,
    values,
  ))!;
  await writeNameKeys(tx, id, f, syllables);
  return id;
}

/** What a name key row carries besides its key: the account's filterable fields. */
export type NameKeyFields = Pick<AccountFields, 'realName' | 'department' | 'category' | 'status'>;

/** Replaces an account's name keys; run it inside the transaction that writes the account. */
export async function writeNameKeys(tx: Queryable, accountId: number, f: NameKeyFields, syllables?: string[]) {
  await tx.run('DELETE FROM account_name_keys WHERE account_id = ?', [accountId]);
  const keys = nameKeys(f.realName, syllables);
  await tx.run(
    `INSERT INTO account_name_keys (key, account_id, department, category, status)
     SELECT j.value, ?, ?, ?, ? FROM ${jsonTexts(tx.engine)} WHERE true ON CONFLICT DO NOTHING`,
    [accountId, f.department, f.category, f.status, JSON.stringify(keys)],
  );
}

export function findAccountById(db: Queryable, id: number) {
  return db.get<AccountRow>('SELECT * FROM accounts WHERE id = ?', [id]);
}

export function findAccountByUsername(db: Queryable, username: string) {
  return db.get<AccountRow>('SELECT * FROM accounts WHERE username = ?', [username]);
}

export function findAccountByNumber(db: Queryable, number: string) {
  return db.get<AccountRow>('SELECT * FROM accounts WHERE number = ?', [number]);
}

/** The account of the document with this blind index (one per person). */
export function findAccountByDocIndex(db: Queryable, docIndex: string) {
  return db.get<AccountRow>('SELECT * FROM accounts WHERE doc_index = ?', [docIndex]);
}

/** The first accounts whose usernames start with `stem`, in username order. */
export function accountsWithUsernamePrefix(db: Queryable, stem: string, limit: number) {
  return db.all<AccountRow>('SELECT * FROM accounts WHERE username >= ? AND username < ? ORDER BY username LIMIT ?', [stem, `${stem}\uffff`, limit]);
}

export async function setAccountStatus(tx: Queryable, id: number, status: AccountStatus, reason: string, now: Date): Promise<void> {
  await tx.run('UPDATE accounts SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?', [status, reason, now.toISOString(), id]);
}

export async function markActivationSent(tx: Queryable, id: number, channel: string, now: Date): Promise<void> {
  await tx.run('UPDATE accounts SET activation_sent_at = ?, activation_channel = ? WHERE id = ?', [now.toISOString(), channel, id]);
}

/** Replaces every bound contact of the account (a contact left out is unbound). */
export async function replaceAccountContacts(tx: Queryable, id: number, cols: ReturnType<typeof contactColumns>, now: Date): Promise<void> {
  await tx.run(
    `UPDATE accounts SET mobile_sealed = ?, mobile_index = ?, mobile_masked = ?, email_sealed = ?, email_index = ?, email_masked = ?,
       updated_at = ? WHERE id = ?`,
    [cols.mobile_sealed, cols.mobile_index, cols.mobile_masked, cols.email_sealed, cols.email_index, cols.email_masked, now.toISOString(), id],
  );
}

/** The registrar's fields of an account, from an import row; a contact the row leaves out stays as it is. */
export async function updateAccountFromRegistrar(
  tx: Queryable,
  id: number,
  f: Pick<AccountFields, 'realName' | 'category' | 'department' | 'document'>,
  pii: ReturnType<typeof piiColumns>,
  now: Date,
): Promise<void> {
  await tx.run(
    `UPDATE accounts SET real_name = ?, category = ?, department = ?, doc_type = ?, doc_sealed = ?, doc_index = ?, doc_masked = ?,
       mobile_sealed = coalesce(?, mobile_sealed), mobile_index = coalesce(?, mobile_index), mobile_masked = coalesce(?, mobile_masked),
       email_sealed = coalesce(?, email_sealed), email_index = coalesce(?, email_index), email_masked = coalesce(?, email_masked),
       updated_at = ?
     WHERE id = ?`,
    [f.realName, f.category, f.department, f.document.type, pii.doc_sealed, pii.doc_index, pii.doc_masked,
      pii.mobile_sealed, pii.mobile_index, pii.mobile_masked, pii.email_sealed, pii.email_index, pii.email_masked,
      now.toISOString(), id],
  );
}

/** Accounts stored before migration 11, without masked forms: the oldest `limit` of them. */
export function findUnmaskedAccounts(db: Queryable, limit: number) {
  return db.all<Pick<AccountRow, 'id' | 'doc_sealed' | 'mobile_sealed' | 'email_sealed'>>(
    "SELECT id, doc_sealed, mobile_sealed, email_sealed FROM accounts WHERE doc_masked = '' ORDER BY id LIMIT ?",
    [limit],
  );
}

/** Sets the masked forms of many accounts in one statement: rows of [id, document, mobile, email]. */
export async function writeAccountMasks(tx: Queryable, masks: readonly (readonly [number, string, string | null, string | null])[]): Promise<void> {
  await tx.run(
    `UPDATE accounts SET doc_masked = m.value ->> 1, mobile_masked = m.value ->> 2, email_masked = m.value ->> 3
     FROM ${jsonRows(tx.engine, 'm')} WHERE accounts.id = CAST(m.value ->> 0 AS BIGINT)`,
    [JSON.stringify(masks)],
  );
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

/** How many accounts the registry holds. */
export async function countAccounts(q: Queryable): Promise<number> {
  return (await q.get<{ n: number }>('SELECT count(*) AS n FROM accounts'))!.n;
}

/** The accounts a trust bundle lists as barred: revoked and suspended ones that have a username, by username. */
export function barredAccounts(db: Queryable): Promise<{ username: string; status: 'revoked' | 'suspended' }[]> {
  return db.all("SELECT username, status FROM accounts WHERE status IN ('revoked', 'suspended') AND username IS NOT NULL ORDER BY username");
}

/** The departments the registry's accounts belong to, each once, in no particular order. */
export function accountDepartments(db: Queryable): Promise<{ department: string }[]> {
  return db.all<{ department: string }>('SELECT DISTINCT department FROM accounts');
}
