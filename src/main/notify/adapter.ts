import type { Language } from '../../shared/contract/common';
import type { ADAPTER_NAMES } from '../../shared/contract/notify';

export type AdapterName = (typeof ADAPTER_NAMES)[number];

/** One message, rendered, on its way out. */
export interface OutgoingMessage {
  channel: 'email' | 'sms';
  to: string;
  language: Language;
  subject: string | null;
  text: string;
}

/**
 * How a send ended: delivered (to the server or gateway that takes it from here), worth
 * trying again later (the other side is busy or unreachable), or never going to work as it is.
 * Error texts are short and carry no recipient, code or secret.
 */
export type SendResult = { outcome: 'sent' } | { outcome: 'retry'; error: string } | { outcome: 'permanent'; error: string };

export interface NotificationAdapter {
  readonly name: AdapterName;
  send(message: OutgoingMessage): Promise<SendResult>;
}

const EMAIL_LIKE = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g;
const PHONE_LIKE = /\+?\d[\d\s-]{6,}\d/g;
const MAX_ERROR_LENGTH = 200;

/**
 * An error text fit to keep: the given values (recipient, code, password, key) and anything
 * that looks like an address or a phone number removed, on one line, short.
 */
export function safeErrorText(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join('[redacted]');
  out = out.replace(EMAIL_LIKE, '[address]').replace(PHONE_LIKE, '[number]').replace(/\s+/g, ' ').trim();
  return out.length > MAX_ERROR_LENGTH ? `${out.slice(0, MAX_ERROR_LENGTH - 1)}…` : out;
}
