import type { NotificationAdapter, OutgoingMessage, SendResult } from './adapter';
import { safeErrorText } from './adapter';
import { smsRequestBody } from './sms-body';

export interface SmsGatewayOptions {
  url: string;
  bodyTemplate: string;
  signature: string;
  apiKeyHeader: string;
  apiKey: string | null;
}

const TIMEOUT_MS = 30_000;

/**
 * SMS through an HTTP gateway: one JSON POST per message. 2xx is sent; 429, 5xx and network
 * errors are worth another try; any other answer means the request itself is wrong.
 */
export function smsGatewayAdapter(options: SmsGatewayOptions): NotificationAdapter {
  return {
    name: 'sms-http',
    async send(message: OutgoingMessage): Promise<SendResult> {
      const secrets = [message.to, options.apiKey];
      const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
      if (options.apiKey && options.apiKeyHeader) headers[options.apiKeyHeader] = options.apiKey;
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers,
          body: smsRequestBody(options.bodyTemplate, { to: message.to, text: message.text, signature: options.signature }),
          redirect: 'manual',
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
        return { outcome: 'retry', error: safeErrorText(`SMS gateway unreachable: ${cause}`, secrets) };
      }
      const said = (await response.text().catch(() => '')).slice(0, 120);
      if (response.ok) return { outcome: 'sent' };
      const error = safeErrorText(`SMS gateway HTTP ${response.status}${said ? `: ${said}` : ''}`, secrets);
      const transient = response.status === 429 || response.status >= 500;
      return { outcome: transient ? 'retry' : 'permanent', error };
    },
  };
}
