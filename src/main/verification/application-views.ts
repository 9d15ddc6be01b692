import { deadlineStanding } from '../../shared/calendar/deadline';
import type { IsoDate, WorkingCalendar } from '../../shared/calendar/working-days';
import type { ApplicationDetail, ApplicationSummary, RegistryMatch } from '../../shared/contract/verification';
import { maskUsername } from '../../shared/identity/masking';
import { VERIFICATION_LIMITS } from '../../shared/verification/terms';
import type { AccountRow } from '../accounts/account-repository';
import { toSummary as accountSummary } from '../accounts/account-views';
import type { ApplicationRow } from './application-repository';
import type { UploadRow } from './upload-repository';

export function toSummary(row: ApplicationRow, today: IsoDate, calendar: WorkingCalendar): ApplicationSummary {
  const deadline =
    row.status === 'submitted' ? deadlineStanding(row.submitted_on, VERIFICATION_LIMITS.deadlineWorkingDays, today, calendar) : null;
  return {
    id: row.id,
    kind: row.kind,
    department: row.department,
    realName: row.real_name,
    documentType: row.doc_type,
    documentMasked: row.doc_masked,
    channel: row.channel,
    takenBy: row.taken_by,
    submittedAt: row.submitted_at,
    status: row.status,
    deadline,
    near: deadline !== null && !deadline.overdue && deadline.workingDaysLeft <= VERIFICATION_LIMITS.nearWorkingDays,
    decidedAt: row.decided_at,
  };
}

/** What intake and review see of an account: masked, its username too. */
export function accountFacts(account: AccountRow) {
  const a = accountSummary(account, new Date(0));
  return {
    id: a.id,
    realName: a.realName,
    usernameMasked: a.username ? maskUsername(a.username) : null,
    department: a.department,
    status: a.status,
    mobileMasked: a.mobileMasked,
    emailMasked: a.emailMasked,
  };
}

/** The duplicate check as the reviewer sees it: is there an account for this document already? */
export function duplicateOf(existing: AccountRow | undefined): ApplicationDetail['duplicate'] {
  if (!existing) return { outcome: 'none', usernameMasked: null };
  return {
    outcome: existing.status === 'revoked' ? 'revoked' : 'exists',
    usernameMasked: existing.username ? maskUsername(existing.username) : null,
  };
}

export interface DetailParts {
  row: ApplicationRow;
  summary: ApplicationSummary;
  uploads: UploadRow[];
  registry: RegistryMatch[];
  /** The account with the applicant's document (alumni: the duplicate check). */
  existing: AccountRow | undefined;
  /** The account whose contacts a contact change replaces. */
  account: AccountRow | undefined;
  history: ApplicationDetail['history'];
  reviewer: string;
}

export function toDetail(p: DetailParts): ApplicationDetail {
  const { row } = p;
  return {
    ...p.summary,
    language: row.language,
    mobileMasked: row.mobile_masked,
    emailMasked: row.email_masked,
    documentChecked: row.document_checked === 1,
    desk: row.desk,
    academic:
      row.kind === 'alumni'
        ? { school: row.school!, enrolledYear: row.enrolled_year!, graduatedYear: row.graduated_year!, major: row.major ?? '', degree: row.degree! }
        : null,
    account: p.account ? accountFacts(p.account) : null,
    uploads: p.uploads.map((u) => ({ id: u.id, kind: u.kind, mediaType: u.media_type, size: u.size, sha256: u.sha256, purgedAt: u.purged_at })),
    registry: p.registry,
    duplicate: duplicateOf(row.kind === 'alumni' ? p.existing : undefined),
    decision: row.decided_at
      ? { reason: row.decision_reason, note: row.decision_note, by: row.decided_by!, at: row.decided_at }
      : null,
    ownIntake: row.taken_by === p.reviewer,
    history: p.history,
  };
}
