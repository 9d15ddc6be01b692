import nodemailer from 'nodemailer';
import type { NotificationAdapter, OutgoingMessage, SendResult } from './adapter';
import { safeErrorText } from './adapter';

export interface SmtpOptions {
  host: string;
  port: number;
  /** `tls`: TLS from the first byte (465); `starttls`: plain, then STARTTLS, refused without it (587); `none`: plain (a local relay). */
  security: 'tls' | 'starttls' | 'none';
  user: string;
  password: string | null;
  from: string;
}

/** Beyond these a send is given up for this attempt; each well inside the dispatcher's lease. */
const TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 } as const;

/** Errors of the connection or the server's mood, not of the message or the settings. */
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EPROTOCOL']);

interface MailError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

function classify(err: MailError, secrets: readonly (string | null)[]): SendResult {
  const said = err.response ?? err.message ?? 'unknown error';
  const error = safeErrorText(`SMTP ${err.responseCode ?? err.code ?? 'error'}: ${said}`, secrets);
  if (err.responseCode !== undefined) return { outcome: err.responseCode >= 500 ? 'permanent' : 'retry', error };
  return { outcome: TRANSIENT_CODES.has(err.code ?? '') ? 'retry' : 'permanent', error };
}

/** Email through an SMTP server with nodemailer: one connection per message, UTF-8 plain text. */
export function smtpAdapter(options: SmtpOptions): NotificationAdapter {
  return {
    name: 'smtp',
    async send(message: OutgoingMessage): Promise<SendResult> {
      const transport = nodemailer.createTransport({
        host: options.host,
        port: options.port,
        secure: options.security === 'tls',
        requireTLS: options.security === 'starttls',
        ignoreTLS: options.security === 'none',
        auth: options.user ? { user: options.user, pass: options.password ?? '' } : undefined,
        ...TIMEOUTS,
      });
      try {
        await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject ?? '',
          text: message.text,
          textEncoding: 'base64',
          headers: { 'Content-Language': message.language, 'Auto-Submitted': 'auto-generated' },
        });
        return { outcome: 'sent' };
      } catch (err) {
        return classify(err as MailError, [message.to, options.password, options.user]);
      } finally {
        transport.close();
      }
    },
  };
}
