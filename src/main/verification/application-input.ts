import type { FieldIssue } from '../../shared/errors';
import type { Language } from '../../shared/contract/common';
import type { AlumniApplicationInput, ContactChangeInput, UploadInput } from '../../shared/contract/verification';
import type { Degree, UploadKind, UploadMediaType } from '../../shared/verification/terms';
import { readAccountInput } from '../accounts/account-input';
import type { DocumentType } from '../../shared/identity/documents';
import { normalizeText, textProblem } from '../../shared/identity/text';
import { detectMediaType } from '../../shared/verification/media-type';
import { sha256Hex } from './upload-content';

/** An application's facts, validated and normalized, ready to be sealed and stored. */
export interface ApplicationFacts {
  realName: string;
  document: { type: DocumentType; number: string };
  mobile: string | null;
  email: string | null;
  language: Language;
  academic: { school: string; enrolledYear: number; graduatedYear: number; major: string; degree: Degree } | null;
}

export interface UploadFile {
  kind: UploadKind;
  mediaType: UploadMediaType;
  bytes: Buffer;
  sha256: string;
}

const issue = (path: string, reason: string, message: string, params?: FieldIssue['params']): FieldIssue => ({
  path,
  reason,
  message,
  ...(params ? { params } : {}),
});

const TEXT_MESSAGES: Record<string, string> = {
  empty: 'is required',
  too_long: 'is too long',
  unpaired_surrogate: 'holds a broken character (an unpaired UTF-16 surrogate)',
  control_character: 'holds a control character (such as NUL or an escape sequence)',
  bidi_control: 'holds a bidirectional control character, which would show the text in another order than it is stored',
  invisible_character: 'holds an invisible, private-use or unassigned character',
};

/** A free-text field through the text rules (src/shared/identity/text.ts); null when it passes. */
export function textIssue(path: string, raw: string, o: { max: number; required?: boolean }): FieldIssue | null {
  const problem = textProblem(raw, o);
  return problem ? issue(path, problem, `${path} ${TEXT_MESSAGES[problem]}`, problem === 'too_long' ? { maximum: o.max } : undefined) : null;
}

const present = <T>(values: readonly (T | null)[]): T[] => values.filter((v): v is T => v !== null);

/** Several free-text fields at once (an absent optional one passes): for file names, reasons and notes. */
export function textIssues(fields: readonly [path: string, raw: string | undefined, o: { max: number; required?: boolean }][]): FieldIssue[] {
  return present(fields.map(([path, raw, o]) => (raw === undefined ? null : textIssue(path, raw, o))));
}

/** Name, document and contacts, through the same rules as counter registration; `rename` maps its field names to the form's. */
function readPerson(
  raw: { realName: string; documentType: string; documentNumber: string; mobile?: string; email?: string; department: string },
  now: Date,
  rename: Record<string, string>,
) {
  const read = readAccountInput({ ...raw, category: 'alumni' }, now, { mobileRequired: false });
  if (!read.ok) return { issues: read.issues.map((i) => issue(rename[i.field] ?? i.field, i.reason, i.reason)), fields: null };
  const issues: FieldIssue[] = [];
  if (!read.fields.mobile && !read.fields.email) {
    issues.push(issue(rename.mobile ?? 'mobile', 'contact_required', 'give a mobile or an email to send the notices to'));
  }
  return { issues, fields: read.fields };
}

/** Name and document only, to find a person's account. */
export function readIdentity(raw: { realName: string; documentType: string; documentNumber: string }, now: Date) {
  const read = readAccountInput({ ...raw, category: 'alumni', department: '-' }, now, { mobileRequired: false });
  if (!read.ok) return { issues: read.issues.map((i) => issue(i.field, i.reason, i.reason)), document: null };
  return { issues: [], document: read.fields.document };
}

function readAcademic(input: Pick<AlumniApplicationInput, 'enrolledYear' | 'graduatedYear'>, now: Date): FieldIssue[] {
  const thisYear = now.getUTCFullYear();
  const issues: FieldIssue[] = [];
  if (input.graduatedYear > thisYear) {
    issues.push(issue('graduatedYear', 'in_future', 'a graduation year cannot lie ahead', { maximum: thisYear }));
  }
  if (input.graduatedYear < input.enrolledYear) {
    issues.push(issue('graduatedYear', 'before_enrollment', 'graduation cannot come before enrollment'));
  } else if (input.graduatedYear - input.enrolledYear > 12) {
    issues.push(issue('graduatedYear', 'too_long_after_enrollment', 'more than 12 years after enrollment', { maximum: 12 }));
  }
  return issues;
}

function factsOf(
  f: Pick<ApplicationFacts, 'realName' | 'document' | 'mobile' | 'email'>,
  language: ApplicationFacts['language'],
  academic: ApplicationFacts['academic'],
): ApplicationFacts {
  return { realName: f.realName, document: f.document, mobile: f.mobile, email: f.email, language, academic };
}

/** Alumni application: every problem by field, not just the first. School and major are stored as the text rules normalize them. */
export function readAlumniApplication(input: Omit<AlumniApplicationInput, 'uploads' | 'documentChecked'>, now: Date) {
  const schoolIssue = textIssue('school', input.school, { max: 64 });
  const majorIssue = textIssue('major', input.major, { max: 64, required: false });
  // A school the text rules refuse is reported once, here, not again as the department it stands for.
  const person = readPerson({ ...input, department: schoolIssue ? '-' : normalizeText(input.school) }, now, { department: 'school' });
  const issues = [...present([schoolIssue, majorIssue]), ...person.issues, ...readAcademic(input, now)];
  if (issues.length || !person.fields) return { issues, facts: null };
  const f = person.fields;
  const academic = { school: f.department, enrolledYear: input.enrolledYear, graduatedYear: input.graduatedYear, major: normalizeText(input.major), degree: input.degree };
  return { issues, facts: factsOf(f, input.language, academic) };
}

/** Contact change: the person, and the new contacts that replace every bound one. */
export function readContactChange(input: Omit<ContactChangeInput, 'uploads' | 'documentChecked' | 'accountId'>, now: Date) {
  const person = readPerson({ ...input, mobile: input.newMobile, email: input.newEmail, department: '-' }, now, {
    mobile: 'newMobile',
    email: 'newEmail',
  });
  if (person.issues.length || !person.fields) return { issues: person.issues, facts: null };
  return { issues: [], facts: factsOf(person.fields, input.language, null) };
}

/**
 * Decodes and checks the uploads: each a JPEG, PNG or PDF by its content, within the size
 * limit; the kinds in `required` must be there. Problems are reported by upload.
 */
export function readUploads(uploads: readonly UploadInput[], maxBytes: number, required: readonly UploadKind[]) {
  const issues: FieldIssue[] = [];
  const files: UploadFile[] = [];
  uploads.forEach((u, index) => {
    const path = `uploads.${index}`;
    // The name is only ever echoed in messages, never stored; one the text rules refuse is not echoed either.
    const nameIssue = textIssue(`${path}.fileName`, u.fileName, { max: 255 });
    if (nameIssue) issues.push(nameIssue);
    const name = nameIssue ? `upload ${index + 1}` : normalizeText(u.fileName);
    const bytes = Buffer.from(u.contentBase64, 'base64');
    if (bytes.length === 0) return issues.push(issue(path, 'empty', `${name} is empty`, { index }));
    if (bytes.length > maxBytes) {
      return issues.push(issue(path, 'too_large', `${name} is larger than ${maxBytes} bytes`, { index, maximum: maxBytes, size: bytes.length }));
    }
    const mediaType = detectMediaType(bytes);
    if (!mediaType) return issues.push(issue(path, 'file_type', `${name} is not a JPEG, PNG or PDF file`, { index }));
    files.push({ kind: u.kind, mediaType, bytes, sha256: sha256Hex(bytes) });
  });
  for (const kind of required) {
    if (!uploads.some((u) => u.kind === kind)) issues.push(issue('uploads', `missing_${kind}`, `the ${kind.replace('_', ' ')} is missing`));
  }
  return { issues, files };
}

export const REQUIRED_UPLOADS: Record<'alumni' | 'contact_change', readonly UploadKind[]> = {
  alumni: ['id_photo', 'proof'],
  contact_change: [],
};
