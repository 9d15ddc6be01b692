import { DeskError } from '../../shared/errors';

/** Common choices and keyboard walks a staff password may not be built around. */
const WEAK_PATTERNS = [
  'password', 'passw0rd', 'qwerty', 'asdfgh', 'zxcvbn', '123456', '654321', '111111', 'abc123',
  'iloveyou', 'admin', 'welcome', 'letmein', 'jaccount', 'sjtu', 'monkey', 'dragon',
];

/** Staff password rules (NIST SP 800-63B style: length over composition, no known-bad choices). */
export function checkStaffPassword(password: string, username: string, field = 'newPassword'): void {
  const fail = (reason: string, message: string) =>
    new DeskError('PASSWORD_POLICY', `${field}: ${message}`, { fields: [{ path: field, reason, message }] });
  if (password.length < 12) throw fail('too_short', 'must be at least 12 characters');
  if (password.length > 128) throw fail('too_long', 'must be at most 128 characters');
  const lower = password.toLowerCase();
  if (lower.includes(username.toLowerCase())) throw fail('contains_username', 'must not contain the username');
  if (WEAK_PATTERNS.some((w) => lower.includes(w))) throw fail('common_pattern', 'is built on a commonly used password');
  if (new Set(password).size < 5) throw fail('too_repetitive', 'uses too few different characters');
}
