import { deadlineStanding } from '../../shared/calendar/deadline';
import type { IsoDate, WorkingCalendar } from '../../shared/calendar/working-days';
import type { AuditEntry } from '../../shared/contract/audit';
import {
  type ApplicationDetail,
  type ApplicationState,
  type ApplicationSummary,
  CLIENT_LIMITS,
  type ClientView,
  type Deadline,
} from '../../shared/contract/clients';
import { type ApplicationRow, type ClientRow, type ListedRow, type SecretRow, shapeOf } from './client-repository';

/** The NIC's deadline, while the application waits for it: 3 working days from the leader's approval. */
export function deadlineOf(
  state: ApplicationState,
  leaderApprovedOn: IsoDate | null,
  today: IsoDate,
  calendar: WorkingCalendar,
): Deadline | null {
  if (state !== 'leader_approved' || !leaderApprovedOn) return null;
  return deadlineStanding(leaderApprovedOn, CLIENT_LIMITS.deadlineWorkingDays, today, calendar);
}

export function toSummary(row: ListedRow, today: IsoDate, calendar: WorkingCalendar): ApplicationSummary {
  return {
    id: row.id,
    appName: row.app_name,
    department: row.department,
    clientType: row.client_type,
    state: row.state,
    submittedAt: row.submitted_at,
    leaderApprovedOn: row.leader_approved_on,
    deadline: deadlineOf(row.state, row.leader_approved_on, today, calendar),
    processedAt: row.processed_at,
    clientId: row.client_id,
    clientStatus: row.client_status,
  };
}

function toClientView(client: ClientRow, secrets: readonly SecretRow[], now: Date): ClientView {
  return {
    clientId: client.client_id,
    status: client.status,
    statusReason: client.status_reason,
    ...shapeOf(client),
    issuedAt: client.issued_at,
    issuedBy: client.issued_by,
    updatedAt: client.updated_at,
    // A previous secret whose overlap has ended is no longer accepted: not shown as if it were.
    secrets: secrets
      .filter((s) => s.expires_at === null || new Date(s.expires_at) > now)
      .map((s) => ({ slot: s.slot, fingerprint: s.fingerprint, createdAt: s.created_at, expiresAt: s.expires_at })),
  };
}

export interface DetailParts {
  row: ApplicationRow;
  client: ClientRow | undefined;
  secrets: readonly SecretRow[];
  history: AuditEntry[];
  contact: { email: string; phone: string };
  now: Date;
  today: IsoDate;
  calendar: WorkingCalendar;
}

export function toDetail({ row, client, secrets, history, contact, now, today, calendar }: DetailParts): ApplicationDetail {
  return {
    id: row.id,
    appName: row.app_name,
    department: row.department,
    purpose: row.purpose,
    homepage: row.homepage,
    ...shapeOf(row),
    contact: { name: row.contact_name, ...contact },
    state: row.state,
    submittedAt: row.submitted_at,
    submittedBy: row.submitted_by,
    leaderApproval:
      row.leader_name && row.leader_approved_on && row.leader_recorded_at && row.leader_recorded_by
        ? {
            leaderName: row.leader_name,
            approvedOn: row.leader_approved_on,
            recordedAt: row.leader_recorded_at,
            recordedBy: row.leader_recorded_by,
          }
        : null,
    deadline: deadlineOf(row.state, row.leader_approved_on, today, calendar),
    processedAt: row.processed_at,
    processedBy: row.processed_by,
    rejectionReason: row.rejection_reason,
    client: client ? toClientView(client, secrets, now) : null,
    history,
  };
}
