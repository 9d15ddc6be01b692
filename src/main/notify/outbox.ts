import type { Language } from '../../shared/contract/common';
import { maskEmail, maskMobile } from '../../shared/identity/masking';
import type { DataKey } from '../crypto/data-key';
import type { NotificationRow } from './outbox-repository';
import type { Repositories } from '../repositories';

/** Every message the desk sends, and the parameters its bilingual template fills in. */
export interface TemplateParams {
  /** An approved alumnus (or a counter registration) finishes the account with this code on the portal's /activate page. */
  activation_code: { name: string; code: string; expiresAt: string; url: string };
  verification_rejected: { name: string; reason: string };
  /** Self-service password reset: the one-time code the holder types on the portal. */
  password_reset_code: { code: string; minutes: string };
  /** Forgotten username, sent only to a contact already bound to the account. */
  username_reminder: { name: string; username: string };
  /** Security notice after any password change or reset. */
  password_changed: { username: string; at: string };
  /** Sent to the NEW contact once a contact-change application is approved. */
  contact_change_approved: { name: string; username: string };
  contact_change_rejected: { name: string; reason: string };
  /** An admin checks the delivery settings from the Settings screen. */
  test_message: Record<string, never>;
}
export type NotificationTemplate = keyof TemplateParams;

export interface NotificationRequest<T extends NotificationTemplate = NotificationTemplate> {
  channel: 'email' | 'sms';
  /** Normalized: an E.164 mobile or a lower-cased email. Sealed at rest; only its mask is shown. */
  to: string;
  language: Language;
  template: T;
  params: TemplateParams[T];
  accountId?: number | null;
  /** What the message is about, for the outbox screen and the audit trail (`application:12`, `account:5`). */
  subjectRef?: string | null;
}

/** The parameter holding a one-time code, in the templates that carry one. */
export const CODE_PARAM = 'code';
export const CODE_TEMPLATES: ReadonlySet<string> = new Set<NotificationTemplate>(['activation_code', 'password_reset_code']);

/** When the one-time code of a message stops working: it is not sent after that, and is scrubbed. */
export function codeExpiry(request: NotificationRequest, now: Date): string | null {
  const params = request.params as Record<string, string>;
  if (request.template === 'activation_code') return new Date(params.expiresAt!).toISOString();
  if (request.template === 'password_reset_code') return new Date(now.getTime() + Number(params.minutes) * 60_000).toISOString();
  return null;
}

type EnqueueListener = () => void;
const enqueueListeners = new Set<EnqueueListener>();

/** Lets the dispatcher hear of a message queued in a transaction in progress (to send it once that commits). */
export function onEnqueued(listener: EnqueueListener): () => void {
  enqueueListeners.add(listener);
  return () => void enqueueListeners.delete(listener);
}

/** Tells the dispatcher that a message became due in the transaction in progress (queued, or queued again). */
export function announceQueued(): void {
  for (const listener of enqueueListeners) listener();
}

const RECIPIENT_CONTEXT = 'notifications.recipient';
const PARAMS_CONTEXT = 'notifications.params';

export function sealNotificationRecipient(dataKey: DataKey, to: string): string {
  return dataKey.seal(to, RECIPIENT_CONTEXT);
}
export function openNotificationRecipient(dataKey: DataKey, sealed: string): string {
  return dataKey.open(sealed, RECIPIENT_CONTEXT);
}
export function sealNotificationParams(dataKey: DataKey, params: object): string {
  return dataKey.seal(JSON.stringify(params), PARAMS_CONTEXT);
}
export function openNotificationParams(dataKey: DataKey, sealed: string): Record<string, string> {
  return JSON.parse(dataKey.open(sealed, PARAMS_CONTEXT)) as Record<string, string>;
}

/**
 * Queues a message in the caller's transaction, so it exists exactly when the change it
 * announces commits. The dispatcher sends it afterwards; nothing here talks to the network.
 */
export async function enqueueNotification<T extends NotificationTemplate>(
  repos: Repositories,
  dataKey: DataKey,
  request: NotificationRequest<T>,
  now: Date,
): Promise<number> {
  const id = await repos.outbox.insertNotification(
    {
      channel: request.channel,
      recipient_sealed: sealNotificationRecipient(dataKey, request.to),
      recipient_masked: request.channel === 'email' ? maskEmail(request.to) : maskMobile(request.to),
      language: request.language,
      template: request.template,
      params_sealed: sealNotificationParams(dataKey, request.params),
      account_id: request.accountId ?? null,
      subject_ref: request.subjectRef ?? null,
      code_expires_at: codeExpiry(request, now),
    },
    now,
  );
  announceQueued();
  return id;
}

/** Removes the one-time code from a message's sealed parameters; the rest stays for the screen. */
export async function scrubCode(repos: Repositories, dataKey: DataKey, row: NotificationRow, now: Date): Promise<void> {
  const params = openNotificationParams(dataKey, row.params_sealed);
  delete params[CODE_PARAM];
  await repos.outbox.storeScrubbedParams(row.id, sealNotificationParams(dataKey, params), now);
}
