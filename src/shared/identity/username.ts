/** jAccount usernames: 3-40 characters of a-z, 0-9, "_", "-", "."; starting with a letter; unique regardless of case; never changed. */
export const USERNAME_PATTERN = /^[a-z][a-z0-9_.-]{2,39}$/;

export type UsernameProblem = 'too_short' | 'too_long' | 'must_start_with_letter' | 'invalid_characters';

export function usernameProblem(raw: string): UsernameProblem | null {
  const name = raw.trim().toLowerCase();
  if (name.length < 3) return 'too_short';
  if (name.length > 40) return 'too_long';
  if (!/^[a-z]/.test(name)) return 'must_start_with_letter';
  if (!USERNAME_PATTERN.test(name)) return 'invalid_characters';
  return null;
}
