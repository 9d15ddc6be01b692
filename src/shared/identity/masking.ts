import type { DocumentType } from './documents';

/**
 * What a mask shows is what anyone at a console may know; everything else is what an exact
 * lookup would have to guess, and what the counter's identity check asks to be read off the
 * document. So masks show the last 4 characters of a document and a mobile and nothing
 * before them: no region or birth date of a resident ID, no carrier prefix of a mobile.
 */
const stars = (n: number) => '*'.repeat(Math.max(n, 1));

/** Documents this short show only their last character. */
const SHORT_DOCUMENT = 8;

/** `**************123X`: the last 4 characters of a document number (the last one of a short number). */
export function maskDocument(number: string, _type?: DocumentType): string {
  const shown = number.length >= SHORT_DOCUMENT ? 4 : 1;
  return `${stars(number.length - shown)}${number.slice(-shown)}`;
}

/**
 * The characters the identity check at the counter asks for: the 6 before the last 4 (on a
 * resident ID card, the birth date as YYMMDD), all of them before the last 4 on a shorter
 * number, and all but the last one on a very short one. The console never shows them.
 */
export function hiddenCheckSegment(number: string): string {
  if (number.length < SHORT_DOCUMENT) return number.slice(0, -1);
  return number.slice(Math.max(0, number.length - 10), -4);
}

/** How many characters the identity check asks for, told by the masked form alone. */
export function hiddenCheckLength(masked: string): number {
  if (masked.length < SHORT_DOCUMENT) return masked.length - 1;
  return Math.min(6, masked.length - 4);
}

/** `*******1234` for mainland mobiles, `+44 ****0123` for others. */
export function maskMobile(e164: string): string {
  if (e164.startsWith('+86')) return `*******${e164.slice(-4)}`;
  return `${e164.slice(0, 3)} ****${e164.slice(-4)}`;
}

/** `z***@example.edu.cn` */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** `z***3`: enough to recognise one's own username, not to learn someone else's. */
export function maskUsername(username: string): string {
  return `${username.slice(0, 1)}***${username.slice(-1)}`;
}
