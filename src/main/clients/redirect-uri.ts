import type { FieldIssue } from '../../shared/errors';
import { CLIENT_LIMITS } from '../../shared/contract/clients';

/**
 * Redirect URIs are matched exactly by the token service (RFC 9700 §4.1), so each one
 * registered must be a complete address the application really uses: https, or for native
 * apps the loopback interface over http (RFC 8252 §7.3). The string is kept as written.
 */
export const REDIRECT_URI_PROBLEMS = {
  empty: 'is empty',
  too_long: `is longer than ${CLIENT_LIMITS.uriLength} characters`,
  whitespace: 'contains spaces or control characters',
  backslash: 'contains a backslash',
  wildcard: 'contains a wildcard (*): register every address in full',
  fragment: 'contains a fragment (#): a redirect URI must not have one',
  not_absolute: 'is not an absolute URL (https://host/path)',
  scheme: 'uses a scheme other than https (or http on the loopback interface)',
  userinfo: 'contains a user name or password before the host (@)',
  no_host: 'has no host',
  bad_port: 'has a port that is not a number from 1 to 65535',
  localhost: 'uses "localhost": for native apps use http://127.0.0.1:<port>/ or http://[::1]:<port>/ (RFC 8252)',
  not_https: 'uses http for a host other than the loopback interface (127.0.0.1 or [::1]); use https',
  duplicate: 'is listed twice',
} as const;
export type RedirectUriProblem = keyof typeof REDIRECT_URI_PROBLEMS;

const AUTHORITY = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?]*)/;
const HOST_PORT = /^(\[[^\]]*\]|[^:[\]]*)(?::(\d*))?$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]']);

export function redirectUriProblem(uri: string): RedirectUriProblem | null {
  if (!uri) return 'empty';
  if (uri.length > CLIENT_LIMITS.uriLength) return 'too_long';
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(uri)) return 'whitespace';
  if (uri.includes('\\')) return 'backslash';
  if (uri.includes('*')) return 'wildcard';
  if (uri.includes('#')) return 'fragment';
  const parts = AUTHORITY.exec(uri);
  if (!parts) return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(uri) && !/^https?:/i.test(uri) ? 'scheme' : 'not_absolute';
  const scheme = parts[1]!.toLowerCase();
  const authority = parts[2]!;
  if (scheme !== 'https' && scheme !== 'http') return 'scheme';
  if (authority.includes('@')) return 'userinfo';
  const hostPort = HOST_PORT.exec(authority);
  if (!hostPort || !hostPort[1]) return 'no_host';
  const port = hostPort[2];
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) return 'bad_port';
  const host = hostPort[1].toLowerCase();
  if (scheme === 'http') {
    if (host === 'localhost' || host.endsWith('.localhost')) return 'localhost';
    if (!LOOPBACK_HOSTS.has(host)) return 'not_https';
  }
  try {
    new URL(uri);
  } catch {
    return 'not_absolute';
  }
  return null;
}

/** One issue per offending entry, at `<field>.<index>` (0-based, in the order given). */
export function redirectUriIssues(field: string, list: readonly string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  list.forEach((uri, index) => {
    const problem = redirectUriProblem(uri) ?? (seen.has(uri) ? 'duplicate' : null);
    seen.add(uri);
    if (problem) {
      issues.push({ path: `${field}.${index}`, reason: problem, message: `entry ${index + 1} ${REDIRECT_URI_PROBLEMS[problem]}`, params: { index } });
    }
  });
  return issues;
}
