import { DeskError, type FieldIssue } from '../../shared/errors';
import { normalizeMobile } from '../../shared/identity/contacts';
import { usernameProblem } from '../../shared/identity/username';
import type { AuditLog } from '../audit/audit-log';
import { sha256 } from '../crypto/one-time-password';
import type { PasswordHasher } from '../crypto/password-hash';
import { checkAccountPassword } from '../operators/password-policy';
import { contactColumns } from './account-repository';
import type { PiiVault } from './pii-vault';
import type { Store } from '../repositories';

export interface ActivationInput {
  code: string;
  username: string;
  password: string;
  mobile?: string;
}

function invalid(path: string, reason: string, message: string): DeskError {
  const field: FieldIssue = { path, reason, message };
  return new DeskError('VALIDATION', `${path}: ${message}`, { fields: [field] });
}

export function normalizeActivationCode(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * The person finishes their own account with the activation code: chooses the username
 * (permanent from then on) and the password, which no operator ever sees. Single use;
 * expired, spent or unknown codes are refused alike.
 */
export async function activateAccount(
  { store: db, vault, audit, passwordHasher }: { store: Store; vault: PiiVault; audit: AuditLog; passwordHasher: PasswordHasher },
  input: ActivationInput,
  now: Date,
) {
  const codeHash = sha256(normalizeActivationCode(input.code));
  const username = input.username.trim().toLowerCase();
  const usernameIssue = usernameProblem(username);
  if (usernameIssue) throw invalid('username', usernameIssue, 'is not a valid jAccount username');
  checkAccountPassword(input.password, username);
  const mobile = input.mobile?.trim() ? normalizeMobile(input.mobile) : null;
  if (input.mobile?.trim() && !mobile) throw invalid('mobile', 'format', 'is not a mobile number');
  const passwordHash = await passwordHasher.hash(input.password);

  return db.write(async (repos) => {
    const code = await repos.activationCodes.findActivationCode(codeHash);
    if (!code || code.used_at || new Date(code.expires_at) <= now) {
      throw invalid('code', 'code_invalid', 'the activation code is wrong, expired or already used');
    }
    const account = (await repos.accounts.findAccountById(code.account_id))!;
    if (account.status !== 'pending' || account.username) {
      throw invalid('code', 'code_invalid', 'the activation code is wrong, expired or already used');
    }
    if (await repos.accounts.findAccountByUsername(username)) {
      throw invalid('username', 'taken', 'is already taken');
    }
    await repos.activationCodes.markActivationCodeUsed(code.id, now);
    await repos.credentials.recordActivation(account.id, { username, passwordHash, mobile: contactColumns(vault, { mobile, email: null }) }, now);
    await repos.statusEvents.recordStatusEvent({ accountId: account.id, from: 'pending', to: 'active', reason: 'activated by the holder', actor: `self:${username}` }, now);
    await audit.append(
      repos,
      { actor: `self:${username}`, desk: null, action: 'account.activate', target: `account:${account.id}`, outcome: 'success', detail: {} },
      now,
    );
    return { accountId: account.id, username };
  });
}
