import { z } from 'zod';
import { GRANT_TYPES, SCOPES } from '../oauth/scopes';
import { auditEntry } from './audit';
import { empty, isoTime, reason } from './common';
import { mutation, query } from './define';

export const CLIENT_TYPES = ['confidential', 'public'] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];
export const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];
/** submitted -> leader_approved -> approved (client issued) | rejected. */
export const APPLICATION_STATES = ['submitted', 'leader_approved', 'approved', 'rejected'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];
export const CLIENT_STATUSES = ['enabled', 'disabled', 'deleted'] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];
export const SECRET_SLOTS = ['current', 'previous'] as const;

/** Limits the contract enforces (the rules behind each field live in src/main/clients). */
export const CLIENT_LIMITS = {
  uris: 20,
  uriLength: 512,
  /** How long a rotated-out secret may stay valid. */
  overlapDaysMax: 30,
  /** The NIC answers within this many working days of the leader's approval. */
  deadlineWorkingDays: 3,
  calendarEntries: 400,
} as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD');
const applicationId = z.number().int().positive();
const uri = z.string().trim().max(CLIENT_LIMITS.uriLength);
const uris = z.array(uri).max(CLIENT_LIMITS.uris);
const scopes = z.array(z.enum(SCOPES)).max(SCOPES.length);

/**
 * An application as the department filled it in. Strings are only bounded here: emptiness,
 * URL and contact rules are checked together by the desk, so every problem is reported at once.
 */
export const applicationInput = z
  .object({
    appName: z.string().trim().max(64),
    department: z.string().trim().max(64),
    purpose: z.string().trim().max(1000),
    homepage: z.string().trim().max(CLIENT_LIMITS.uriLength),
    clientType: z.enum(CLIENT_TYPES),
    /** Confidential clients only; client_secret_basic when not given. */
    tokenEndpointAuthMethod: z.enum(['client_secret_basic', 'client_secret_post']).optional(),
    grantTypes: z.array(z.enum(GRANT_TYPES)).max(GRANT_TYPES.length),
    scopes,
    redirectUris: uris,
    postLogoutRedirectUris: uris,
    contact: z
      .object({ name: z.string().trim().max(64), email: z.string().trim().max(254), phone: z.string().trim().max(32) })
      .strict(),
  })
  .strict();
export type ApplicationInput = z.infer<typeof applicationInput>;

export const deadline = z.object({
  dueOn: isoDate,
  /** Working days until the due date; 0 on the due date; negative once it has passed. */
  workingDaysLeft: z.number().int(),
  overdue: z.boolean(),
});
export type Deadline = z.infer<typeof deadline>;

export const applicationSummary = z.object({
  id: z.number().int(),
  appName: z.string(),
  department: z.string(),
  clientType: z.enum(CLIENT_TYPES),
  state: z.enum(APPLICATION_STATES),
  submittedAt: isoTime,
  leaderApprovedOn: isoDate.nullable(),
  /** While the NIC has the application (leader-approved, not yet processed). */
  deadline: deadline.nullable(),
  processedAt: isoTime.nullable(),
  clientId: z.string().nullable(),
  clientStatus: z.enum(CLIENT_STATUSES).nullable(),
});
export type ApplicationSummary = z.infer<typeof applicationSummary>;

/** What is known of a secret: never the secret, nor its hash. */
export const secretView = z.object({
  slot: z.enum(SECRET_SLOTS),
  /** The first 16 hex digits of the secret's SHA-256, for telling secrets apart. */
  fingerprint: z.string(),
  createdAt: isoTime,
  /** The previous secret stops being accepted then. */
  expiresAt: isoTime.nullable(),
});
export type SecretView = z.infer<typeof secretView>;

export const clientView = z.object({
  clientId: z.string(),
  status: z.enum(CLIENT_STATUSES),
  statusReason: z.string().nullable(),
  tokenEndpointAuthMethod: z.enum(AUTH_METHODS),
  grantTypes: z.array(z.enum(GRANT_TYPES)),
  scopes: z.array(z.enum(SCOPES)),
  redirectUris: z.array(z.string()),
  postLogoutRedirectUris: z.array(z.string()),
  issuedAt: isoTime,
  issuedBy: z.string(),
  updatedAt: isoTime,
  secrets: z.array(secretView),
});
export type ClientView = z.infer<typeof clientView>;

export const applicationDetail = z.object({
  id: z.number().int(),
  appName: z.string(),
  department: z.string(),
  purpose: z.string(),
  homepage: z.string(),
  clientType: z.enum(CLIENT_TYPES),
  tokenEndpointAuthMethod: z.enum(AUTH_METHODS),
  grantTypes: z.array(z.enum(GRANT_TYPES)),
  scopes: z.array(z.enum(SCOPES)),
  redirectUris: z.array(z.string()),
  postLogoutRedirectUris: z.array(z.string()),
  contact: z.object({ name: z.string(), email: z.string(), phone: z.string() }),
  state: z.enum(APPLICATION_STATES),
  submittedAt: isoTime,
  submittedBy: z.string(),
  leaderApproval: z
    .object({ leaderName: z.string(), approvedOn: isoDate, recordedAt: isoTime, recordedBy: z.string() })
    .nullable(),
  deadline: deadline.nullable(),
  processedAt: isoTime.nullable(),
  processedBy: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  client: clientView.nullable(),
  history: z.array(auditEntry),
});
export type ApplicationDetail = z.infer<typeof applicationDetail>;

const calendarEntry = z.object({ date: isoDate, name: z.string().trim().max(64) }).strict();
export const workingCalendarView = z.object({
  /** Weekdays off (public holidays). */
  holidays: z.array(calendarEntry).max(CLIENT_LIMITS.calendarEntries),
  /** Weekend days worked (make-up working days). */
  workdays: z.array(calendarEntry).max(CLIENT_LIMITS.calendarEntries),
});
export type WorkingCalendarView = z.infer<typeof workingCalendarView>;

const byId = z.object({ id: applicationId }).strict();
const withSecret = z.object({
  application: applicationDetail,
  /** The client secret in plaintext: in this answer only, never again. Null for public clients. */
  secretShownOnce: z.string().nullable(),
});

export const clientChannels = {
  'clients.list': query(
    'clients.manage',
    z.object({ state: z.enum(APPLICATION_STATES).optional(), overdue: z.boolean().optional() }).strict(),
    z.object({
      /** The campus's date now, which deadlines are counted from. */
      today: isoDate,
      items: z.array(applicationSummary),
      counts: z.object({
        submitted: z.number().int(),
        leader_approved: z.number().int(),
        approved: z.number().int(),
        rejected: z.number().int(),
        overdue: z.number().int(),
      }),
    }),
  ),
  'clients.get': query('clients.manage', byId, applicationDetail),
  /** Departments known to the desk (accounts' and earlier applications'), to pick from. */
  'clients.departments': query('clients.manage', empty, z.array(z.string())),
  /** Where applications find the token service: null until it has started in this shell. */
  'clients.endpoints': query('clients.manage', empty, z.object({ issuer: z.string().nullable(), discovery: z.string().nullable() })),
  'clients.submit': mutation('clients.manage', applicationInput, applicationDetail),
  'clients.recordLeaderApproval': mutation(
    'clients.manage',
    z.object({ id: applicationId, leaderName: z.string().trim().max(64), approvedOn: isoDate }).strict(),
    applicationDetail,
  ),
  /** Issues the client; `scopes` narrows what the application asked for (all of it when omitted). */
  'clients.approve': mutation('clients.manage', z.object({ id: applicationId, scopes: scopes.optional() }).strict(), withSecret),
  'clients.reject': mutation('clients.manage', z.object({ id: applicationId, reason }).strict(), applicationDetail),
  'clients.update': mutation(
    'clients.manage',
    z
      .object({ id: applicationId, redirectUris: uris.optional(), postLogoutRedirectUris: uris.optional(), scopes: scopes.optional() })
      .strict(),
    applicationDetail,
  ),
  'clients.rotateSecret': mutation(
    'clients.manage',
    z.object({ id: applicationId, overlapDays: z.number().int().min(0).max(CLIENT_LIMITS.overlapDaysMax) }).strict(),
    withSecret,
  ),
  'clients.setDisabled': mutation(
    'clients.manage',
    z.object({ id: applicationId, disabled: z.boolean(), reason }).strict(),
    applicationDetail,
  ),
  /** The client becomes unknown to the token service; its record and history stay. */
  'clients.delete': mutation('clients.manage', z.object({ id: applicationId, reason }).strict(), applicationDetail),
  'clients.calendar': query('clients.manage', empty, workingCalendarView),
  /** The working calendar is desk-wide (later deadlines count on it too): a settings matter. */
  'clients.setCalendar': mutation('settings.manage', workingCalendarView.strict(), workingCalendarView),
};
