import type { Language } from '../../shared/contract/common';
import { civilDate } from '../../shared/calendar/working-days';
import type { DocumentType } from '../../shared/identity/documents';
import { maskDocument, maskEmail, maskMobile } from '../../shared/identity/masking';
import type { ApplicationKind, ApplicationStatus, Degree, IntakeChannel, RejectionReason } from '../../shared/verification/terms';
import type { PiiVault } from '../accounts/pii-vault';
import type { DataKey } from '../crypto/data-key';
import type { Queryable } from '../store/database';
import { jsonTexts } from '../store/dialect';
import type { ApplicationFacts, UploadFile } from './application-input';
import { type UploadSealer, uploadContext } from './upload-content';
import { insertUpload } from './upload-repository';

export interface ApplicationRow {
  id: number;
  kind: ApplicationKind;
  department: string;
  real_name: string;
  doc_type: DocumentType;
  doc_sealed: string;
  doc_index: string;
  doc_masked: string;
  mobile_sealed: string | null;
  mobile_masked: string | null;
  email_sealed: string | null;
  email_masked: string | null;
  language: Language;
  school: string | null;
  enrolled_year: number | null;
  graduated_year: number | null;
  major: string | null;
  degree: Degree | null;
  account_id: number | null;
  channel: IntakeChannel;
  online_id: string | null;
  taken_by: string;
  desk: string | null;
  document_checked: number;
  submitted_at: string;
  submitted_on: string;
  status: ApplicationStatus;
  decision_reason: RejectionReason | null;
  decision_note: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_account_id: number | null;
}

/** Where the applicant's PII is sealed: a context of its own, apart from the accounts' columns. */
const sealContext = (field: 'document' | 'mobile' | 'email') => `verification.${field}`;

export function openApplicationPii(dataKey: DataKey, row: ApplicationRow) {
  return {
    document: dataKey.open(row.doc_sealed, sealContext('document')),
    mobile: row.mobile_sealed ? dataKey.open(row.mobile_sealed, sealContext('mobile')) : null,
    email: row.email_sealed ? dataKey.open(row.email_sealed, sealContext('email')) : null,
  };
}

export interface NewApplication {
  kind: ApplicationKind;
  department: string;
  facts: ApplicationFacts;
  accountId: number | null;
  channel: IntakeChannel;
  onlineId: string | null;
  takenBy: string;
  desk: string | null;
  documentChecked: boolean;
  submittedAt: Date;
  files: readonly UploadFile[];
}

export interface Sealing {
  vault: PiiVault;
  dataKey: DataKey;
  sealer: UploadSealer;
}

/** Stores an application, its sealed uploads and its first history event, in the caller's transaction. */
export async function insertApplication(tx: Queryable, s: Sealing, a: NewApplication, now: Date): Promise<number> {
  const { facts } = a;
  const seal = (field: 'document' | 'mobile' | 'email', value: string | null) => (value ? s.dataKey.seal(value, sealContext(field)) : null);
  const { id } = (await tx.get<{ id: number }>(
    `INSERT INTO verification_applications (kind, department, real_name, doc_type, doc_sealed, doc_index, doc_masked,
       mobile_sealed, mobile_masked, email_sealed, email_masked, language, school, enrolled_year, graduated_year, major, degree,
       account_id, channel, online_id, taken_by, desk, document_checked, submitted_at, submitted_on)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id`,
    [
      a.kind,
      a.department,
      facts.realName,
      facts.document.type,
      seal('document', facts.document.number),
      s.vault.index('document', facts.document.number),
      maskDocument(facts.document.number),
      seal('mobile', facts.mobile),
      facts.mobile ? maskMobile(facts.mobile) : null,
      seal('email', facts.email),
      facts.email ? maskEmail(facts.email) : null,
      facts.language,
      facts.academic?.school ?? null,
      facts.academic?.enrolledYear ?? null,
      facts.academic?.graduatedYear ?? null,
      facts.academic?.major ?? null,
      facts.academic?.degree ?? null,
      a.accountId,
      a.channel,
      a.onlineId,
      a.takenBy,
      a.desk,
      a.documentChecked ? 1 : 0,
      a.submittedAt.toISOString(),
      civilDate(a.submittedAt),
    ],
  ))!;
  for (const f of a.files) await insertUpload(tx, id, f, s.sealer.seal(f.bytes, uploadContext(id, f.sha256)));
  await recordEvent(tx, id, a.takenBy, a.channel === 'online' ? 'imported' : 'submitted', a.onlineId, now);
  return id;
}

export type EventKind = 'submitted' | 'imported' | 'approved' | 'rejected' | 'withdrawn' | 'uploads_purged';

export async function recordEvent(tx: Queryable, applicationId: number, actor: string, event: EventKind, detail: string | null, now: Date) {
  await tx.run('INSERT INTO verification_events (application_id, at, actor, event, detail) VALUES (?,?,?,?,?)', [
    applicationId,
    now.toISOString(),
    actor,
    event,
    detail,
  ]);
}

export function findApplication(db: Queryable, id: number) {
  return db.get<ApplicationRow>('SELECT * FROM verification_applications WHERE id = ?', [id]);
}

export function historyOf(db: Queryable, applicationId: number) {
  return db.all<{ at: string; actor: string; event: string; detail: string | null }>(
    'SELECT at, actor, event, detail FROM verification_events WHERE application_id = ? ORDER BY id',
    [applicationId],
  );
}

/** Whether an application of the online site with this id was imported already. */
export async function isOnlineApplicationImported(db: Queryable, onlineId: string): Promise<boolean> {
  return (await db.get('SELECT 1 FROM verification_applications WHERE online_id = ?', [onlineId])) !== undefined;
}

/** The latest applications taken in, newest first, of one status or all. */
export function latestApplications(db: Queryable, status: ApplicationStatus | null, limit: number) {
  return status !== null
    ? db.all<ApplicationRow>('SELECT * FROM verification_applications WHERE status = ? ORDER BY submitted_at DESC, id DESC LIMIT ?', [status, limit])
    : db.all<ApplicationRow>('SELECT * FROM verification_applications ORDER BY submitted_at DESC, id DESC LIMIT ?', [limit]);
}

/** The undecided applications of these departments, oldest first: the review queue. */
export function openApplicationsOf(db: Queryable, departments: readonly string[]) {
  return db.all<ApplicationRow>(
    `SELECT * FROM verification_applications WHERE status = 'submitted' AND department IN (SELECT j.value FROM ${jsonTexts(db.engine)})
     ORDER BY submitted_at, id`,
    [JSON.stringify(departments)],
  );
}

/** The latest decided (or withdrawn) applications of these departments, newest decision first. */
export function decidedApplicationsOf(db: Queryable, departments: readonly string[], limit: number) {
  return db.all<ApplicationRow>(
    `SELECT * FROM verification_applications WHERE status <> 'submitted' AND department IN (SELECT j.value FROM ${jsonTexts(db.engine)})
     ORDER BY decided_at DESC, id DESC LIMIT ?`,
    [JSON.stringify(departments), limit],
  );
}

/** An open (undecided) application for the same person and kind, if any: one at a time. */
export function openApplicationFor(db: Queryable, kind: ApplicationKind, docIndex: string) {
  return db.get<{ id: number }>("SELECT id FROM verification_applications WHERE doc_index = ? AND kind = ? AND status = 'submitted'", [
    docIndex,
    kind,
  ]);
}

/** Records the decision; the store's trigger makes it final. */
export async function recordDecision(
  tx: Queryable,
  row: ApplicationRow,
  d: { status: Exclude<ApplicationStatus, 'submitted'>; reason: RejectionReason | null; note: string | null; by: string; createdAccountId?: number },
  now: Date,
) {
  await tx.run(
    `UPDATE verification_applications SET status = ?, decision_reason = ?, decision_note = ?, decided_by = ?, decided_at = ?,
       created_account_id = ? WHERE id = ? AND status = 'submitted'`,
    [d.status, d.reason, d.note, d.by, now.toISOString(), d.createdAccountId ?? null, row.id],
  );
  await recordEvent(tx, row.id, d.by, d.status, d.reason, now);
}
