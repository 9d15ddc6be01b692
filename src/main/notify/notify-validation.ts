import type { NotifySettingsUpdate } from '../../shared/contract/notify';
import type { FieldIssue } from '../../shared/errors';
import { normalizeEmail } from '../../shared/identity/contacts';
import { smsBodyTemplateProblem } from './sms-body';

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV6 = /^\[?[0-9A-Fa-f:.]+\]?$/;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export const isLoopbackHost = (host: string) => LOOPBACK.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);

const MESSAGES: Record<string, string> = {
  required: 'is required for the chosen adapter',
  host: 'is not a host name or IP address',
  email: 'is not an email address',
  plain_auth: 'would send the SMTP password unencrypted: choose TLS or STARTTLS, or a relay on this machine',
  user_required: 'a password needs a user name to go with it',
  url: 'is not an http(s) URL',
  https_required: 'must use https (plain http only to a gateway on this machine)',
  credentials_in_url: 'must not carry credentials: put the API key in its own field',
  not_json: 'is not valid JSON',
  not_object: 'must be a JSON object',
  missing_to: 'must contain {{to}} where the mobile number goes',
  missing_text: 'must contain {{text}} where the message goes',
  header: 'is not an HTTP header name',
};

function issue(path: string, reason: string): FieldIssue {
  return { path, reason, message: MESSAGES[reason] ?? reason };
}

function urlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'url';
  if (url.username || url.password) return 'credentials_in_url';
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return 'https_required';
  return null;
}

/**
 * Every problem of a settings change at once, by field. Formats are checked whenever a value
 * is given; a value is required only when the adapter that needs it is chosen.
 */
export function notifySettingsProblems(input: NotifySettingsUpdate, passwordSetBefore: boolean): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const smtp = input.emailAdapter === 'smtp';
  if (input.smtpHost && !(HOSTNAME.test(input.smtpHost) || IPV6.test(input.smtpHost))) issues.push(issue('smtpHost', 'host'));
  else if (smtp && !input.smtpHost) issues.push(issue('smtpHost', 'required'));
  if (input.smtpFrom && !normalizeEmail(input.smtpFrom)) issues.push(issue('smtpFrom', 'email'));
  else if (smtp && !input.smtpFrom) issues.push(issue('smtpFrom', 'required'));
  const passwordAfter = input.smtpPassword === undefined ? passwordSetBefore : input.smtpPassword !== null;
  if (!input.smtpUser && typeof input.smtpPassword === 'string') issues.push(issue('smtpUser', 'user_required'));
  if (input.smtpUser && passwordAfter && input.smtpSecurity === 'none' && input.smtpHost && !isLoopbackHost(input.smtpHost)) {
    issues.push(issue('smtpSecurity', 'plain_auth'));
  }
  const smsHttp = input.smsAdapter === 'sms-http';
  const urlIssue = input.smsUrl ? urlProblem(input.smsUrl) : smsHttp ? 'required' : null;
  if (urlIssue) issues.push(issue('smsUrl', urlIssue));
  const bodyIssue = smsBodyTemplateProblem(input.smsBodyTemplate);
  if (bodyIssue) issues.push(issue('smsBodyTemplate', bodyIssue));
  if (input.smsApiKeyHeader && !HEADER_NAME.test(input.smsApiKeyHeader)) issues.push(issue('smsApiKeyHeader', 'header'));
  return issues;
}
