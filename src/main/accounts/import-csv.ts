import crypto from 'node:crypto';
import type { ImportReport } from '../../shared/contract/accounts';
import { type RawAccountInput, readAccountInput } from './account-input';
import { piiColumns } from './account-repository';
import { decodeSpreadsheetText, readImportCsv } from './csv';
import type { PiiVault } from './pii-vault';
import type { Repositories } from '../repositories';

/** Column headings accepted in English and in Chinese, as registrar exports name them. */
const HEADINGS: Record<string, keyof RawAccountInput> = {
  name: 'realName', real_name: 'realName', 姓名: 'realName',
  category: 'category', 类别: 'category', 身份类别: 'category',
  number: 'number', student_number: 'number', faculty_number: 'number', 学工号: 'number', 学号: 'number', 工号: 'number',
  department: 'department', school: 'department', 院系: 'department', 学院: 'department',
  document_type: 'documentType', 证件类型: 'documentType',
  document_number: 'documentNumber', 证件号码: 'documentNumber', 证件号: 'documentNumber',
  mobile: 'mobile', 手机: 'mobile', 手机号: 'mobile',
  email: 'email', 邮箱: 'email', 电子邮箱: 'email',
};

const CATEGORY_WORDS: Record<string, string> = {
  本科生: 'undergraduate', 研究生: 'postgraduate', 教师: 'faculty', 教职工: 'staff', 职工: 'staff', 校友: 'alumni', 访问学者: 'visiting',
};
export const DOCUMENT_WORDS: Record<string, string> = {
  居民身份证: 'prc_id', 身份证: 'prc_id', 护照: 'passport',
  港澳居民来往内地通行证: 'hk_macao_permit', 台湾居民来往大陆通行证: 'taiwan_permit', 外国人永久居留身份证: 'foreign_permanent_id',
};

export interface ImportOptions {
  fileName: string;
  content: Buffer;
  dryRun: boolean;
  actor: string;
  now: Date;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Imports a registrar CSV inside the caller's transaction: each row validated, upserted by
 * student/faculty number, the username never touched. Rejected rows are reported by field;
 * re-running the same file changes nothing; any failure rolls the whole batch back.
 */
export async function importAccounts(repos: Repositories, vault: PiiVault, o: ImportOptions): Promise<ImportReport> {
  const { text, encoding } = decodeSpreadsheetText(o.content);
  const csv = await readImportCsv(text);
  // A file that stops being CSV is refused whole: nothing after that line can be trusted.
  if (!csv.records) return { batchId: null, encoding, total: 0, created: 0, updated: 0, unchanged: 0, rejected: [csv.rejected] };
  const [header, ...rows] = csv.records;
  const report: ImportReport = { batchId: null, encoding, total: rows.length, created: 0, updated: 0, unchanged: 0, rejected: [] };
  if (!header) return report;
  const columns = header.cells.map((h) => HEADINGS[h.trim().toLowerCase()] ?? HEADINGS[h.trim()]);
  const missing = (['realName', 'category', 'number', 'department', 'documentType', 'documentNumber'] as const).filter(
    (c) => !columns.includes(c),
  );
  if (missing.length) {
    report.rejected.push({ line: header.line, fields: missing.map((field) => ({ field, reason: 'missing_column' })) });
    return report;
  }
  const seenNumbers = new Set<string>();
  const seenDocuments = new Set<string>();
  let done = 0;
  for (const { line, cells } of rows) {
    const raw: RawAccountInput = {};
    columns.forEach((c, i) => c && (raw[c] = cells[i]?.trim() ?? ''));
    raw.category = CATEGORY_WORDS[raw.category ?? ''] ?? raw.category;
    raw.documentType = DOCUMENT_WORDS[raw.documentType ?? ''] ?? raw.documentType;
    const reject = (fields: { field: string; reason: string }[]) => void report.rejected.push({ line, fields });
    const read = readAccountInput(raw, o.now, { mobileRequired: false });
    if (!read.ok) reject(read.issues);
    else if (!read.fields.number) reject([{ field: 'number', reason: 'required' }]);
    else if (seenNumbers.has(read.fields.number)) reject([{ field: 'number', reason: 'duplicate_in_file' }]);
    else {
      const f = read.fields;
      const number = f.number as string;
      seenNumbers.add(number);
      const pii = piiColumns(vault, f);
      const current = await repos.accounts.findAccountByNumber(number);
      const owner = await repos.accounts.findAccountByDocIndex(pii.doc_index);
      // A dry run writes nothing, so a document repeated in the file is caught here, not by the store.
      const clash = (owner !== undefined && owner.id !== current?.id) || seenDocuments.has(pii.doc_index);
      seenDocuments.add(pii.doc_index);
      if (clash) reject([{ field: 'documentNumber', reason: 'belongs_to_another_account' }]);
      else if (!current) {
        if (!o.dryRun) await repos.accounts.insertAccount(vault, { ...f, username: null, status: 'pending' }, o.now);
        report.created++;
      } else if (
        current.real_name === f.realName &&
        current.category === f.category &&
        current.department === f.department &&
        current.doc_type === f.document.type &&
        current.doc_index === pii.doc_index &&
        current.mobile_index === (f.mobile ? pii.mobile_index : current.mobile_index) &&
        current.email_index === (f.email ? pii.email_index : current.email_index)
      ) {
        report.unchanged++;
      } else {
        if (!o.dryRun) {
          await repos.accounts.updateAccountFromRegistrar(current.id, f, pii, o.now);
          // A new department or category reaches the name keys through the store's trigger; a new name rewrites them.
          if (current.real_name !== f.realName) await repos.accounts.writeNameKeys(current.id, { ...f, status: current.status });
        }
        report.updated++;
      }
    }
    done++;
    if (done % 500 === 0) o.onProgress?.(done, rows.length);
  }
  o.onProgress?.(rows.length, rows.length);
  if (!o.dryRun) {
    report.batchId = await repos.importBatches.insertImportBatch(
      {
        fileName: o.fileName,
        fileSha256: crypto.createHash('sha256').update(o.content).digest('hex'),
        encoding,
        total: report.total,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: report.rejected.length,
        by: o.actor,
      },
      o.now,
    );
  }
  return report;
}
