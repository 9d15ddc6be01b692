import { DeskError } from '../../shared/errors';

/** Common choices and keyboard walks a staff password may not be built around. */
const WEAK_PATTERNS = [
  'password', 'passw0rd', 'qwerty', 'asdfgh', 'zxcvbn', '123456', '654321', '111111', 'abc123',
  'iloveyou', 'admin', 'welcome', 'letmein', 'jaccount', 'sjtu', 'monkey', 'dragon',
];

/** Password rules (NIST SP 800-63B style: length over composition, no known-bad choices, not the username). */
export function checkPassword(password: string, username: string, options: { minLength: number; field: string }): void {
  const { minLength, field } = options;
  const fail = (reason: string, message: string) =>
    new DeskError('PASSWORD_POLICY', `${field}: ${message}`, { fields: [{ path: field, reason, message, params: { minimum: minLength } }] });
  if (password.length < minLength) throw fail('too_short', `must be at least ${minLength} characters`);
  if (password.length > 128) throw fail('too_long', 'must be at most 128 characters');
  const lower = password.toLowerCase();
  if (lower.includes(username.toLowerCase())) throw fail('contains_username', 'must not contain the username');
  if (WEAK_PATTERNS.some((w) => lower.includes(w))) throw fail('common_pattern', 'is built on a commonly used password');
  if (new Set(password).size < 5) throw fail('too_repetitive', 'uses too few different characters');
}

export const STAFF_PASSWORD_MIN = 12;
export const ACCOUNT_PASSWORD_MIN = 10;

export function checkStaffPassword(password: string, username: string, field = 'newPassword'): void {
  checkPassword(password, username, { minLength: STAFF_PASSWORD_MIN, field });
}

/** jAccount holders' passwords, wherever one is set: activation, reset, change. */
export function checkAccountPassword(password: string, username: string, field = 'password'): void {
  checkPassword(password, username, { minLength: ACCOUNT_PASSWORD_MIN, field });
}
