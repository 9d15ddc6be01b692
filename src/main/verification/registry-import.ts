import type { ImportReport } from '../../shared/contract/accounts';
import { nameProblem } from '../../shared/identity/contacts';
import { DOCUMENT_TYPES, type DocumentType, documentProblem, normalizeDocumentNumber } from '../../shared/identity/documents';
import { maskDocument } from '../../shared/identity/masking';
import { normalizeText, textProblem } from '../../shared/identity/text';
import { DEGREES, type Degree } from '../../shared/verification/terms';
import { decodeSpreadsheetText, readImportCsv } from '../accounts/csv';
import { DOCUMENT_WORDS } from '../accounts/import-csv';
import type { PiiVault } from '../accounts/pii-vault';
import type { GraduateFields } from './graduate-registry-repository';
import { registryNameKey } from './registry-matches';
import type { Repositories } from '../repositories';

type Column = 'realName' | 'studentNumber' | 'documentType' | 'documentNumber' | 'school' | 'enrolledYear' | 'graduatedYear' | 'degree' | 'major';

/** Headings in English or Chinese, as the registrar's graduate lists name them. */
const HEADINGS: Record<string, Column> = {
  name: 'realName', real_name: 'realName', 姓名: 'realName',
  student_number: 'studentNumber', number: 'studentNumber', 学号: 'studentNumber',
  document_type: 'documentType', 证件类型: 'documentType',
  document_number: 'documentNumber', 证件号码: 'documentNumber', 证件号: 'documentNumber',
  school: 'school', department: 'school', 学院: 'school', 院系: 'school',
  enrolled_year: 'enrolledYear', 入学年份: 'enrolledYear',
  graduated_year: 'graduatedYear', 毕业年份: 'graduatedYear',
  degree: 'degree', 学位: 'degree',
  major: 'major', 专业: 'major',
};
const REQUIRED: readonly Column[] = ['realName', 'studentNumber', 'documentType', 'documentNumber', 'school', 'enrolledYear', 'graduatedYear', 'degree'];
const DEGREE_WORDS: Record<string, Degree> = { 学士: 'bachelor', 硕士: 'master', 博士: 'doctor' };

interface Graduate {
  realName: string;
  studentNumber: string;
  documentType: DocumentType;
  documentNumber: string;
  school: string;
  enrolledYear: number;
  graduatedYear: number;
  degree: Degree;
  major: string;
}

function readRow(raw: Partial<Record<Column, string>>, now: Date): { graduate: Graduate } | { issues: { field: string; reason: string }[] } {
  const issues: { field: string; reason: string }[] = [];
  const realName = (raw.realName ?? '').replace(/\s+/g, ' ').trim();
  const nameIssue = nameProblem(realName);
  if (nameIssue) issues.push({ field: 'realName', reason: nameIssue });
  const studentNumber = (raw.studentNumber ?? '').trim().toUpperCase();
  if (!/^[A-Z0-9]{4,20}$/.test(studentNumber)) issues.push({ field: 'studentNumber', reason: 'format' });
  const documentType = (DOCUMENT_WORDS[raw.documentType ?? ''] ?? raw.documentType ?? '') as DocumentType;
  const documentNumber = normalizeDocumentNumber(raw.documentNumber ?? '');
  if (!DOCUMENT_TYPES.includes(documentType)) issues.push({ field: 'documentType', reason: 'unknown_document_type' });
  else {
    const problem = documentProblem(documentType, documentNumber, now);
    if (problem) issues.push({ field: 'documentNumber', reason: problem });
  }
  // School and major through the same text rules as the applications they are matched against.
  const schoolIssue = textProblem(raw.school ?? '', { max: 64 });
  if (schoolIssue) issues.push({ field: 'school', reason: schoolIssue });
  const majorIssue = textProblem(raw.major ?? '', { max: 64, required: false });
  if (majorIssue) issues.push({ field: 'major', reason: majorIssue });
  const years = (['enrolledYear', 'graduatedYear'] as const).map((field) => {
    const value = Number((raw[field] ?? '').trim());
    if (!Number.isInteger(value) || value < 1896 || value > now.getUTCFullYear()) issues.push({ field, reason: 'year' });
    return value;
  });
  const [enrolledYear = 0, graduatedYear = 0] = years;
  if (graduatedYear < enrolledYear) issues.push({ field: 'graduatedYear', reason: 'before_enrollment' });
  const degreeRaw = (raw.degree ?? '').trim();
  const degree = (DEGREE_WORDS[degreeRaw] ?? degreeRaw.toLowerCase()) as Degree;
  if (!DEGREES.includes(degree)) issues.push({ field: 'degree', reason: 'unknown_degree' });
  if (issues.length) return { issues };
  return {
    graduate: {
      realName,
      studentNumber,
      documentType,
      documentNumber,
      school: normalizeText(raw.school ?? ''),
      enrolledYear,
      graduatedYear,
      degree,
      major: normalizeText(raw.major ?? ''),
    },
  };
}

/**
 * Imports the registrar's graduate list (CSV, UTF-8 with or without BOM, or GB18030) in the
 * caller's transaction: each row validated, upserted by student number; rejected rows are
 * reported by line and field. The document is kept only as blind index and mask.
 */
export async function importGraduates(
  repos: Repositories,
  vault: PiiVault,
  o: { content: Buffer; dryRun: boolean; now: Date },
): Promise<ImportReport> {
  const { text, encoding } = decodeSpreadsheetText(o.content);
  const csv = await readImportCsv(text);
  // A file that stops being CSV is refused whole: nothing after that line can be trusted.
  if (!csv.records) return { batchId: null, encoding, total: 0, created: 0, updated: 0, unchanged: 0, rejected: [csv.rejected] };
  const [header, ...rows] = csv.records;
  const report: ImportReport = { batchId: null, encoding, total: rows.length, created: 0, updated: 0, unchanged: 0, rejected: [] };
  if (!header) return report;
  const columns = header.cells.map((h) => HEADINGS[h.trim().toLowerCase()] ?? HEADINGS[h.trim()]);
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length) {
    report.rejected.push({ line: header.line, fields: missing.map((field) => ({ field, reason: 'missing_column' })) });
    return report;
  }
  const seen = new Set<string>();
  for (const { line, cells } of rows) {
    const raw: Partial<Record<Column, string>> = {};
    columns.forEach((c, i) => c && (raw[c] = cells[i] ?? ''));
    const read = readRow(raw, o.now);
    if ('issues' in read) {
      report.rejected.push({ line, fields: read.issues });
      continue;
    }
    const g = read.graduate;
    if (seen.has(g.studentNumber)) {
      report.rejected.push({ line, fields: [{ field: 'studentNumber', reason: 'duplicate_in_file' }] });
      continue;
    }
    seen.add(g.studentNumber);
    const values: GraduateFields = {
      real_name: g.realName,
      name_key: registryNameKey(g.realName),
      doc_type: g.documentType,
      doc_index: vault.index('document', g.documentNumber),
      doc_masked: maskDocument(g.documentNumber),
      school: g.school,
      enrolled_year: g.enrolledYear,
      graduated_year: g.graduatedYear,
      degree: g.degree,
      major: g.major,
    };
    const current = await repos.graduates.findGraduate(g.studentNumber);
    const changed = !current || (Object.keys(values) as (keyof typeof values)[]).some((k) => current[k] !== values[k]);
    if (!changed) {
      report.unchanged++;
      continue;
    }
    if (current) report.updated++;
    else report.created++;
    if (o.dryRun) continue;
    await repos.graduates.saveGraduate(g.studentNumber, values, o.now);
  }
  return report;
}
