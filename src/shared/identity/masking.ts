import type { DocumentType } from './documents';

const stars = (n: number) => '*'.repeat(Math.max(n, 1));

/** `310***********123X`: the first 3 and last 4 characters of a document number. */
export function maskDocument(number: string, _type?: DocumentType): string {
  if (number.length <= 7) return `${number.slice(0, 1)}${stars(number.length - 2)}${number.slice(-1)}`;
  return `${number.slice(0, 3)}${stars(number.length - 7)}${number.slice(-4)}`;
}

/** `138****1234` for mainland mobiles, `+44 ****0123` for others. */
export function maskMobile(e164: string): string {
  if (e164.startsWith('+86')) {
    const n = e164.slice(3);
    return `${n.slice(0, 3)}****${n.slice(-4)}`;
  }
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
