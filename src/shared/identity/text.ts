/**
 * The text rules of what the desk stores from people and forms: names, schools, majors, notes.
 * Text is what a person reads: no control characters (NUL, terminal escape sequences), no
 * bidirectional controls (text that shows in another order than it is stored, "Trojan Source"),
 * no invisible format characters, no private-use or unassigned code points, and no lone UTF-16
 * surrogates (no character at all; a SQLite or JSON round trip mangles them). Whitespace (tabs,
 * line breaks, ideographic spaces) becomes one space; the text is composed (NFC), so the same
 * words are stored as the same code points whichever keyboard typed them.
 */

export type TextProblem = 'empty' | 'too_long' | 'unpaired_surrogate' | 'control_character' | 'bidi_control' | 'invisible_character';

/** Whitespace a form or a spreadsheet cell may hold (JavaScript's \s without U+FEFF, which is a format character). */
const WHITESPACE = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
const SURROGATE = /\p{Cs}/u;
const CONTROL = /\p{Cc}/u;
/** Arabic letter mark, LRM/RLM, embeddings and overrides (LRE..RLO), isolates (LRI..PDI). */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** Other format characters (zero-width spaces and joiners, soft hyphen, BOM, tags), private use, unassigned. */
const INVISIBLE = /[\p{Cf}\p{Co}\p{Cn}]/u;

/** What a text field stores: whitespace runs as one space, trimmed, NFC. Check it with textProblem first. */
export function normalizeText(raw: string): string {
  return raw.replace(WHITESPACE, ' ').trim().normalize('NFC');
}

/** The first thing wrong with `raw` as a line of text of at most `max` characters (after normalizeText), or null. */
export function textProblem(raw: string, o: { max: number; required?: boolean }): TextProblem | null {
  if (SURROGATE.test(raw)) return 'unpaired_surrogate';
  const text = normalizeText(raw);
  if (CONTROL.test(text)) return 'control_character';
  if (BIDI.test(text)) return 'bidi_control';
  if (INVISIBLE.test(text)) return 'invisible_character';
  if (!text) return o.required === false ? null : 'empty';
  return text.length > o.max ? 'too_long' : null;
}
