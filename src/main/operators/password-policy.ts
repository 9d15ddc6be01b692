import { DeskError } from '../../shared/errors';
/*
 * The most common passwords, lower-cased: the top 10,000 of the Xato / Burnett 10-million-password
 * list as @zxcvbn-ts/language-common 4.1.3 ships it (MIT: (c) 2012-2016 Dan Wheeler and Dropbox,
 * Inc., (c) 2021 @zxcvbn-ts), entries of 4+ printable ASCII characters, plus common Chinese choices
 * (woaini, 5201314...) and the university's own names.
 */
import COMMON_PASSWORDS from './common-passwords.json';

/** Common choices and keyboard walks a password may not be built around. */
const WEAK_PATTERNS = [
  'password', 'passw0rd', 'qwerty', 'asdfgh', 'zxcvbn', '123456', '654321', '111111', 'abc123',
  'iloveyou', 'admin', 'welcome', 'letmein', 'jaccount', 'sjtu', 'monkey', 'dragon',
];

export const PASSWORD_MAX = 128;
export const STAFF_PASSWORD_MIN = 12;
export const ACCOUNT_PASSWORD_MIN = 10;

type Fail = (reason: string, message: string) => DeskError;

function failer(field: string, minLength: number): Fail {
  return (reason, message) =>
    new DeskError('PASSWORD_POLICY', `${field}: ${message}`, { fields: [{ path: field, reason, message, params: { minimum: minLength } }] });
}

/** Password rules (NIST SP 800-63B style: length over composition, no known-bad choices, not the username). */
export function checkPassword(password: string, username: string, options: { minLength: number; field: string }): void {
  const fail = failer(options.field, options.minLength);
  if (password.length < options.minLength) throw fail('too_short', `must be at least ${options.minLength} characters`);
  if (password.length > PASSWORD_MAX) throw fail('too_long', `must be at most ${PASSWORD_MAX} characters`);
  const lower = password.toLowerCase();
  if (username && lower.includes(username.toLowerCase())) throw fail('contains_username', 'must not contain the username');
  if (WEAK_PATTERNS.some((w) => lower.includes(w))) throw fail('common_pattern', 'is built on a commonly used password');
  if (new Set(password).size < 5) throw fail('too_repetitive', 'uses too few different characters');
}

export function checkStaffPassword(password: string, username: string, field = 'newPassword'): void {
  checkPassword(password, username, { minLength: STAFF_PASSWORD_MIN, field });
}

/** The bundled list as a set, made once on first use. */
let commonPasswords: Set<string> | undefined;
const common = () => (commonPasswords ??= new Set(COMMON_PASSWORDS));

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', $: 's', '!': 'i', '|': 'i', '+': 't' };
const unleet = (text: string, one = 'i') => [...text].map((ch) => (ch === '1' ? one : (LEET[ch] ?? ch))).join('');
/** Drops what people pad a word with: leading and trailing digits, punctuation and symbols. */
const core = (text: string) => text.replace(/^[\d\p{P}\p{S}]+/u, '').replace(/[\d\p{P}\p{S}]+$/u, '');
/** The unit of a repetition (`abcabcabc` -> `abc`), or the text itself. */
const unit = (text: string) => /^(.+?)\1+$/.exec(text)?.[1] ?? text;

/** Whether the password is a common password, padded, repeated or in leetspeak (`P@ssw0rd2024!`, `dragondragon`). */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase().replace(/\s+/g, '');
  const words = [lower, unit(lower)].flatMap((w) => [w, core(w)]);
  const readings = words.flatMap((w) => [w, unleet(w), unleet(w, 'l'), core(unleet(w)), core(unleet(w, 'l'))]);
  const list = common();
  return readings.some((r) => r.length >= 4 && list.has(r));
}

const KEY_ROWS = ['`1234567890-=', 'qwertyuiop[]\\', "asdfghjkl;'", 'zxcvbnm,./'];
const KEY_AT = new Map<string, [number, number]>();
KEY_ROWS.forEach((row, r) => [...row].forEach((ch, c) => KEY_AT.set(ch, [r, c])));
const SHIFTED: Record<string, string> = { '!': '1', '@': '2', '#': '3', $: '4', '%': '5', '^': '6', '&': '7', '*': '8', '(': '9', ')': '0', _: '-', '+': '=' };

/** Neighbours on a QWERTY keyboard (a row's keys sit half a key right of the row above), or next in the alphabet or digits. */
function adjacent(a: string, b: string): boolean {
  if (Math.abs(a.charCodeAt(0) - b.charCodeAt(0)) === 1 && /[a-z0-9]/.test(a) && /[a-z0-9]/.test(b)) return true;
  const p = KEY_AT.get(SHIFTED[a] ?? a);
  const q = KEY_AT.get(SHIFTED[b] ?? b);
  if (!p || !q) return false;
  const [dr, dc] = [q[0] - p[0], q[1] - p[1]];
  if (dr === 0) return Math.abs(dc) === 1;
  return (dr === 1 && (dc === 0 || dc === -1)) || (dr === -1 && (dc === 0 || dc === 1));
}

/** Whether most of the password is keyboard walks or sequences of four keys or more (`1qaz2wsx3edc`, `abcdefgh12`). */
export function isKeyboardWalk(password: string): boolean {
  const text = password.toLowerCase().replace(/\s+/g, '');
  let covered = 0;
  let run = 1;
  for (let i = 1; i <= text.length; i++) {
    if (i < text.length && adjacent(text[i - 1]!, text[i]!)) run++;
    else {
      if (run >= 4) covered += run;
      run = 1;
    }
  }
  return covered >= text.length * 0.6;
}

/** A short unit repeated (`abab1234abab1234`), or only two different characters alternating. */
export function isRepeatedPattern(password: string): boolean {
  const text = password.toLowerCase();
  const repeated = unit(text);
  return repeated !== text && repeated.length <= text.length / 2;
}

/** The username and its parts (split at `.`, `_`, `-` and digits) of four letters or more. */
function usernameParts(username: string): string[] {
  const lower = username.toLowerCase();
  return [lower, ...lower.split(/[._\-\d]+/).filter((p) => p.length >= 4)].filter(Boolean);
}

/**
 * jAccount holders' passwords, wherever one is set (activation, self-service reset, counter
 * reset): 10 to 128 characters, not containing the username or its parts, not a common password
 * (the bundled list, padded, repeated or in leetspeak), not a keyboard walk or a repeated pattern.
 */
export function checkAccountPassword(password: string, username: string, field = 'password'): void {
  checkPassword(password, username, { minLength: ACCOUNT_PASSWORD_MIN, field });
  const fail = failer(field, ACCOUNT_PASSWORD_MIN);
  const lower = password.toLowerCase();
  if (usernameParts(username).some((part) => lower.includes(part) || unleet(lower).includes(part))) {
    throw fail('contains_username', 'must not contain the username or a part of it');
  }
  if (isCommonPassword(password)) throw fail('common_pattern', 'is a commonly used password');
  if (isKeyboardWalk(password)) throw fail('keyboard_pattern', 'is mostly a keyboard walk or a sequence');
  if (isRepeatedPattern(password)) throw fail('repeated_pattern', 'repeats a short pattern');
}
