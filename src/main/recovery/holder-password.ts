import type { Language } from '../../shared/contract/common';
import type { AccountRow } from '../accounts/account-repository';
import type { PiiVault } from '../accounts/pii-vault';
import type { DataKey } from '../crypto/data-key';
import { type NotificationTemplate, type TemplateParams, enqueueNotification } from '../notify/outbox';
import type { Repositories } from '../repositories';

export interface Contact {
  channel: 'sms' | 'email';
  to: string;
}

/** The contacts bound to the account, in the clear, for messages only (never shown or logged). */
export function boundContacts(vault: PiiVault, row: Pick<AccountRow, 'mobile_sealed' | 'email_sealed'>): Contact[] {
  const contacts: Contact[] = [];
  if (row.mobile_sealed) contacts.push({ channel: 'sms', to: vault.open('mobile', row.mobile_sealed) });
  if (row.email_sealed) contacts.push({ channel: 'email', to: vault.open('email', row.email_sealed) });
  return contacts;
}

/** Queues one message to each bound contact, in the caller's transaction; returns the channels used. */
export async function notifyBoundContacts<T extends NotificationTemplate>(
  repos: Repositories,
  deps: { vault: PiiVault; dataKey: DataKey },
  row: AccountRow,
  message: { template: T; params: TemplateParams[T]; language: Language },
  now: Date,
): Promise<Contact['channel'][]> {
  const contacts = boundContacts(deps.vault, row);
  for (const contact of contacts) {
    await enqueueNotification(
      repos,
      deps.dataKey,
      { ...contact, ...message, accountId: row.id, subjectRef: `account:${row.id}` },
      now,
    );
  }
  return contacts.map((c) => c.channel);
}

/** `2026-11-23 10:00`, the time as the person's clock at the university shows it. */
export function shanghaiMinute(at: Date): string {
  return at.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);
}

/**
 * Sets a holder's new password (already checked against the policy and hashed) in the caller's
 * transaction: clears the failed-password lock, ends the holder's token-service sessions and
 * grants (with the refresh and opaque access tokens issued under them; JWT access tokens are
 * not stored and run out on their own) and their sign-ins on the end-user pages (`/code`), and
 * queues the security notice to the bound contacts.
 */
export async function replaceHolderPassword(
  repos: Repositories,
  deps: { vault: PiiVault; dataKey: DataKey },
  row: AccountRow,
  passwordHash: string,
  language: Language,
  now: Date,
): Promise<void> {
  await repos.credentials.setHolderPassword(row.id, passwordHash, now);
  if (row.username) await repos.grants.revokeAccountGrants(row.username);
  await repos.holderSessions.endHolderSessionsOfAccount(row.id, 'password_reset', now);
  await notifyBoundContacts(repos, deps, row, { template: 'password_changed', params: { username: row.username ?? '', at: shanghaiMinute(now) }, language }, now);
}
