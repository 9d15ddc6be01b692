import type { Language } from '../../shared/contract/common';
import { DeskError } from '../../shared/errors';
import { normalizeEmail, normalizeMobile } from '../../shared/identity/contacts';
import { type DocumentType, normalizeDocumentNumber } from '../../shared/identity/documents';
import type { AccountRow } from '../accounts/account-repository';
import type { PiiVault } from '../accounts/pii-vault';
import type { AuditLog } from '../audit/audit-log';
import type { DataKey } from '../crypto/data-key';
import type { PasswordHasher } from '../crypto/password-hash';
import { enqueueNotification } from '../notify/outbox';
import { checkAccountPassword } from '../operators/password-policy';
import { notifyBoundContacts, replaceHolderPassword } from './holder-password';
import { RecoveryCodeHasher, type RecoveryPurpose, SELF_RESET_TTL_MS, selfResetCode, spendCode, storeCode } from './recovery-codes';
import { type Repositories, type Store } from '../repositories';

/** At most this many self-service codes per account per hour, and username reminders per account per day. */
export const SELF_RESET_CODES_PER_HOUR = 3;
export const USERNAME_REMINDERS_PER_DAY = 3;

export interface RecoveryDeps {
  store: Store;
  vault: PiiVault;
  dataKey: DataKey;
  audit: AuditLog;
  passwordHasher: PasswordHasher;
  hasher: RecoveryCodeHasher;
}

export function recoveryDeps(parts: Omit<RecoveryDeps, 'hasher'>): RecoveryDeps {
  return { ...parts, hasher: new RecoveryCodeHasher(parts.dataKey.derive('recovery-codes')) };
}

/** What the service did; the person is told the same neutral sentence whatever it is. */
export type RequestOutcome = 'sent' | 'no_match' | 'not_usable' | 'rate_limited';

async function selfAudit(deps: RecoveryDeps, repos: Repositories, row: AccountRow, action: string, detail: Record<string, unknown>, now: Date) {
  await deps.audit.append(
    repos,
    { actor: `self:${row.username ?? row.id}`, desk: null, action, target: `account:${row.id}`, outcome: 'success', detail },
    now,
  );
}

/** The bound contact the person typed, when it is the account's: its channel and the value on record (the message goes there). */
function matchContact(vault: PiiVault, row: AccountRow, typed: string): { channel: 'sms' | 'email'; to: string } | null {
  if (typed.includes('@')) {
    const email = normalizeEmail(typed);
    if (!email || !row.email_sealed || row.email_index !== vault.index('email', email)) return null;
    return { channel: 'email', to: vault.open('email', row.email_sealed) };
  }
  const mobile = normalizeMobile(typed);
  if (!mobile || !row.mobile_sealed || row.mobile_index !== vault.index('mobile', mobile)) return null;
  return { channel: 'sms', to: vault.open('mobile', row.mobile_sealed) };
}

/**
 * Step 1 of "forgot password": a username and the full bound mobile or email. A six-digit code,
 * valid 10 minutes, goes to that contact only when both match an active account; a new code
 * replaces the open one. Whatever happens, the page answers the same.
 */
export async function requestSelfReset(
  deps: RecoveryDeps,
  input: { username: string; contact: string; language: Language },
  now: Date,
): Promise<RequestOutcome> {
  const username = input.username.trim().toLowerCase();
  return deps.store.write(async (repos) => {
    const row = await repos.accounts.findAccountByUsername(username);
    const contact = row ? matchContact(deps.vault, row, input.contact.trim()) : null;
    if (!row || !contact) return 'no_match';
    if (row.status !== 'active') return 'not_usable';
    const recent = await repos.recoveryCodes.countSelfResetCodesSince(row.id, new Date(now.getTime() - 60 * 60 * 1000));
    if (recent >= SELF_RESET_CODES_PER_HOUR) return 'rate_limited';
    const code = selfResetCode();
    await storeCode(
      repos,
      deps.hasher,
      { accountId: row.id, purpose: 'self_reset', channel: contact.channel, value: code, ttlMs: SELF_RESET_TTL_MS, issuedBy: 'self', desk: null },
      now,
    );
    await enqueueNotification(
      repos,
      deps.dataKey,
      {
        ...contact,
        language: input.language,
        template: 'password_reset_code',
        params: { code, minutes: String(SELF_RESET_TTL_MS / 60_000) },
        accountId: row.id,
        subjectRef: `account:${row.id}`,
      },
      now,
    );
    await selfAudit(deps, repos, row, 'recovery.requestCode', { channel: contact.channel }, now);
    return 'sent';
  });
}

const codeInvalid = (purpose: RecoveryPurpose) =>
  new DeskError('VALIDATION', 'code: the code is wrong, expired or already used', {
    fields: [{ path: 'code', reason: purpose === 'self_reset' ? 'code_invalid' : 'counter_code_invalid', message: 'is wrong, expired or already used' }],
  });

/**
 * Step 2 (self-service code) or the counter code: username, code and the new password. The
 * password is checked against the policy first; a wrong code counts against the open one (the
 * fifth miss kills it). Unknown usernames, unusable accounts and dead codes are refused alike.
 */
export async function resetWithCode(
  deps: RecoveryDeps,
  purpose: RecoveryPurpose,
  input: { username: string; code: string; password: string; language: Language },
  now: Date,
): Promise<{ username: string }> {
  const username = input.username.trim().toLowerCase();
  checkAccountPassword(input.password, username);
  const passwordHash = await deps.passwordHasher.hash(input.password);
  const done = await deps.store.write(async (repos) => {
    const row = await repos.accounts.findAccountByUsername(username);
    if (!row || row.status !== 'active') return false;
    const check = await spendCode(repos, deps.hasher, row.id, purpose, input.code, now);
    if (!check.ok) {
      await deps.audit.append(
        repos,
        { actor: `self:${username}`, desk: null, action: 'recovery.resetPassword', target: `account:${row.id}`, outcome: 'failure', detail: { purpose, attemptsLeft: check.attemptsLeft } },
        now,
      );
      return false;
    }
    await replaceHolderPassword(repos, deps, row, passwordHash, input.language, now);
    await selfAudit(deps, repos, row, 'recovery.resetPassword', { purpose, issuedBy: check.row.issued_by }, now);
    return true;
  });
  if (!done) throw codeInvalid(purpose);
  return { username };
}

const sameName = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * "Forgot username": real name, document type and number. When they match an active account
 * with a bound contact, the username goes to the bound contact(s), never to the page.
 */
export async function requestUsernameReminder(
  deps: RecoveryDeps,
  input: { realName: string; documentType: DocumentType; documentNumber: string; language: Language },
  now: Date,
): Promise<RequestOutcome> {
  const index = deps.vault.index('document', normalizeDocumentNumber(input.documentNumber));
  return deps.store.write(async (repos) => {
    const row = await repos.accounts.findAccountByDocIndex(index);
    if (!row || row.doc_type !== input.documentType || !sameName(row.real_name, input.realName)) return 'no_match';
    if (row.status !== 'active' || !row.username || (!row.mobile_sealed && !row.email_sealed)) return 'not_usable';
    if ((await remindersToday(repos, row, now)) >= USERNAME_REMINDERS_PER_DAY) return 'rate_limited';
    const channels = await sendUsername(repos, deps, row, input.language, now);
    await selfAudit(deps, repos, row, 'recovery.remindUsername', { channels }, now);
    return 'sent';
  });
}

/** Username reminders sent in the last 24 hours (each goes to every bound contact). */
async function remindersToday(repos: Repositories, row: AccountRow, now: Date): Promise<number> {
  const sent = await repos.outbox.countUsernameRemindersSince(row.id, new Date(now.getTime() - 24 * 60 * 60 * 1000));
  return sent / (Number(row.mobile_sealed !== null) + Number(row.email_sealed !== null));
}

/** The username to every bound contact (the counter's action uses it too). */
export function sendUsername(repos: Repositories, deps: Pick<RecoveryDeps, 'vault' | 'dataKey'>, row: AccountRow, language: Language, now: Date) {
  return notifyBoundContacts(repos, deps, row, { template: 'username_reminder', params: { name: row.real_name, username: row.username ?? '' }, language }, now);
}
