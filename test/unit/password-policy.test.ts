import { describe, expect, it } from 'vitest';
import { checkAccountPassword, isCommonPassword, isKeyboardWalk, isRepeatedPattern } from '../../src/main/operators/password-policy';

/** The rule a password breaks, or null when the account policy takes it. */
function broken(password: string, username = 'zhang.wei'): string | null {
  try {
    checkAccountPassword(password, username);
    return null;
  } catch (err) {
    return (err as { fields: { reason: string }[] }).fields[0]!.reason;
  }
}

describe("jAccount holders' password policy", () => {
  it('takes long, unusual passwords and passphrases', () => {
    for (const ok of ['Lotus pond at dawn 88', 'Maple leaves in autumn 31', 'correct horse battery', 'tq8#Lm2!vR0p', '滴水穿石 2026 spring']) {
      expect(broken(ok), ok).toBeNull();
    }
  });

  it('bounds the length: 10 to 128 characters', () => {
    expect(broken('Ab3$efg9k')).toBe('too_short');
    expect(broken('Ab3$efg9kq')).toBeNull();
    expect(broken('Lotus pond '.repeat(12).slice(0, 129))).toBe('too_long');
  });

  it('refuses the username and its parts, also in leetspeak', () => {
    expect(broken('my-zhang.wei-pass', 'zhang.wei')).toBe('contains_username');
    expect(broken('Zhang-river-lights', 'zhang.wei')).toBe('contains_username');
    expect(broken('zh4ng river lights', 'zhang.wei')).toBe('contains_username');
    // Parts under four letters would forbid too much: "wei" alone is allowed.
    expect(broken('Weird river lights', 'zhang.wei')).toBeNull();
  });

  it('refuses common passwords from the bundled list, padded, repeated or in leetspeak', () => {
    for (const common of ['iloveyou123', 'P@ssw0rd2024!', 'Sunshine2026!', 'dragondragon', 'woaini1314520', 'Shanghai2026', 'b4seb4ll2026', 'michael19901990']) {
      expect(isCommonPassword(common), common).toBe(true);
      expect(broken(common), common).toBe('common_pattern');
    }
    expect(isCommonPassword('Lotus pond at dawn 88')).toBe(false);
  });

  it('refuses keyboard walks and sequences, and short units repeated', () => {
    for (const walk of ['1qaz2wsx3edc', 'zaq12wsxcde3', 'abcdefghijk', '9876543210ab', 'poiuytrewq!!']) expect(isKeyboardWalk(walk), walk).toBe(true);
    expect(isKeyboardWalk('Lotus pond at dawn 88')).toBe(false);
    expect(broken('hjkl;poiuy12')).toBe('keyboard_pattern');
    expect(isRepeatedPattern('tq8#tq8#tq8#')).toBe(true);
    expect(broken('Xk7!pQXk7!pQ')).toBe('repeated_pattern');
    expect(broken('aaaaaaaaaaaa')).toBe('too_repetitive');
  });

  it('names the field and the minimum for the page to explain', () => {
    try {
      checkAccountPassword('short', 'linyi', 'newPassword');
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'PASSWORD_POLICY', fields: [{ path: 'newPassword', reason: 'too_short', params: { minimum: 10 } }] });
    }
  });
});
