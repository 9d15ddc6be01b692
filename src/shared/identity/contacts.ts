import { type TextProblem, textProblem } from './text';

/** A bound mobile number in E.164. Numbers given without "+" are read as mainland China (+86) mobiles. */
export function normalizeMobile(raw: string): string | null {
  const compact = raw.replace(/[\s()-]/g, '');
  if (compact.startsWith('+')) {
    if (!/^\+[1-9]\d{6,14}$/.test(compact)) return null;
    if (compact.startsWith('+86') && !/^\+861[3-9]\d{9}$/.test(compact)) return null;
    return compact;
  }
  const national = compact.replace(/^0086/, '').replace(/^86(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(national) ? `+86${national}` : null;
}

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function normalizeEmail(raw: string): string | null {
  const email = raw.trim();
  if (email.length > 254 || !EMAIL.test(email)) return null;
  const at = email.lastIndexOf('@');
  return `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`;
}

/** Real names: the text rules, then Chinese script (with the middle dot of transcribed names) or Latin script. */
export function nameProblem(raw: string): TextProblem | 'script' | null {
  const problem = textProblem(raw, { max: 64 });
  if (problem) return problem;
  // As callers store it (they do not compose): a decomposed accent is not one of the letters below.
  const name = raw.trim().replace(/\s+/g, ' ');
  const chinese = /^[\u3400-\u9fff\uf900-\ufaff]+(?:[·•][\u3400-\u9fff\uf900-\ufaff]+)*$/.test(name);
  const latin = /^[A-Za-zÀ-ÖØ-öø-ÿĀ-ž]+(?:[ '.-][A-Za-zÀ-ÖØ-öø-ÿĀ-ž]+)*\.?$/.test(name);
  return chinese || latin ? null : 'script';
}
