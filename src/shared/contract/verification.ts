import { z } from 'zod';
import { VACATION_KINDS } from '../calendar/calendar-issues';
import { DOCUMENT_TYPES } from '../identity/documents';
import {
  APPLICATION_KINDS,
  APPLICATION_STATUSES,
  DEGREES,
  INTAKE_CHANNELS,
  REJECTION_REASONS,
  UPLOAD_KINDS,
  UPLOAD_MEDIA_TYPES,
  VERIFICATION_LIMITS as LIMITS,
} from '../verification/terms';
import { importReport } from './accounts';
import { empty, isoTime, language, reason } from './common';
import { deadline, workingCalendarView } from './clients';
import { mutation, query } from './define';

const base64Of = (bytes: number) => z.string().max(Math.ceil(bytes / 3) * 4);
const applicationId = z.number().int().positive();
const year = z.number().int().min(1896).max(2100);
const text = (max: number) => z.string().trim().min(1).max(max);

export const uploadInput = z
  .object({
    kind: z.enum(UPLOAD_KINDS),
    fileName: text(255),
    contentBase64: base64Of(LIMITS.uploadMaxBytesCeiling),
  })
  .strict();
export type UploadInput = z.infer<typeof uploadInput>;

const person = {
  realName: text(64),
  documentType: z.enum(DOCUMENT_TYPES),
  documentNumber: z.string().trim().min(5).max(24),
  /** The language the applicant's notices are written in. */
  language,
};

export const alumniApplicationInput = z
  .object({
    ...person,
    mobile: z.string().trim().max(24).optional(),
    email: z.string().trim().max(254).optional(),
    school: text(64),
    enrolledYear: year,
    graduatedYear: year,
    major: z.string().trim().max(64),
    degree: z.enum(DEGREES),
    /** The operator saw the identity document in person at the counter. */
    documentChecked: z.literal(true),
    uploads: z.array(uploadInput).max(LIMITS.uploadsPerApplication),
  })
  .strict();
export type AlumniApplicationInput = z.infer<typeof alumniApplicationInput>;

export const contactChangeInput = z
  .object({
    ...person,
    accountId: z.number().int().positive(),
    newMobile: z.string().trim().max(24).optional(),
    newEmail: z.string().trim().max(254).optional(),
    documentChecked: z.literal(true),
    uploads: z.array(uploadInput).max(LIMITS.uploadsPerApplication),
  })
  .strict();
export type ContactChangeInput = z.infer<typeof contactChangeInput>;

export const applicationSummary = z.object({
  id: z.number().int(),
  kind: z.enum(APPLICATION_KINDS),
  department: z.string(),
  realName: z.string(),
  documentType: z.enum(DOCUMENT_TYPES),
  documentMasked: z.string(),
  channel: z.enum(INTAKE_CHANNELS),
  takenBy: z.string(),
  submittedAt: isoTime,
  status: z.enum(APPLICATION_STATUSES),
  /** Only while the application waits for its decision. */
  deadline: deadline.nullable(),
  /** Within the last working days before the due date (not yet overdue). */
  near: z.boolean(),
  decidedAt: isoTime.nullable(),
});
export type ApplicationSummary = z.infer<typeof applicationSummary>;

export const uploadView = z.object({
  id: z.number().int(),
  kind: z.enum(UPLOAD_KINDS),
  mediaType: z.enum(UPLOAD_MEDIA_TYPES),
  size: z.number().int(),
  sha256: z.string(),
  purgedAt: isoTime.nullable(),
});

const comparison = z.enum(['same', 'different', 'unknown']);
export const registryMatch = z.object({
  by: z.enum(['document', 'name_years']),
  studentNumber: z.string(),
  realName: z.string(),
  documentMasked: z.string(),
  school: z.string(),
  enrolledYear: z.number().int(),
  graduatedYear: z.number().int(),
  degree: z.enum(DEGREES),
  major: z.string(),
  /** Field by field, how the registry entry compares with the application. */
  fields: z.object({
    name: comparison,
    document: comparison,
    school: comparison,
    enrolledYear: comparison,
    graduatedYear: comparison,
    degree: comparison,
    major: comparison,
  }),
});
export type RegistryMatch = z.infer<typeof registryMatch>;

export const duplicateCheck = z.object({
  /** none: no account; exists: sign in or recover it (username masked); revoked: no account can be opened. */
  outcome: z.enum(['none', 'exists', 'revoked']),
  usernameMasked: z.string().nullable(),
});

export const applicationDetail = applicationSummary.extend({
  language,
  mobileMasked: z.string().nullable(),
  emailMasked: z.string().nullable(),
  documentChecked: z.boolean(),
  desk: z.string().nullable(),
  academic: z
    .object({ school: z.string(), enrolledYear: z.number().int(), graduatedYear: z.number().int(), major: z.string(), degree: z.enum(DEGREES) })
    .nullable(),
  account: z
    .object({
      id: z.number().int(),
      usernameMasked: z.string().nullable(),
      status: z.string(),
      mobileMasked: z.string().nullable(),
      emailMasked: z.string().nullable(),
    })
    .nullable(),
  uploads: z.array(uploadView),
  registry: z.array(registryMatch),
  duplicate: duplicateCheck,
  decision: z
    .object({ reason: z.enum(REJECTION_REASONS).nullable(), note: z.string().nullable(), by: z.string(), at: isoTime })
    .nullable(),
  /** The reviewer took this application in themselves: someone else decides it. */
  ownIntake: z.boolean(),
  history: z.array(z.object({ at: isoTime, actor: z.string(), event: z.string(), detail: z.string().nullable() })),
});
export type ApplicationDetail = z.infer<typeof applicationDetail>;

export const foundAccount = z.object({
  id: z.number().int(),
  realName: z.string(),
  usernameMasked: z.string().nullable(),
  department: z.string(),
  status: z.string(),
  mobileMasked: z.string().nullable(),
  emailMasked: z.string().nullable(),
});

export const onlineImportReport = z.object({
  total: z.number().int(),
  created: z.number().int(),
  /** Already imported before (same online id): left as they are. */
  unchanged: z.number().int(),
  /** Whether anything was written: nothing is, unless every application is valid. */
  applied: z.boolean(),
  rejected: z.array(
    z.object({ index: z.number().int(), onlineId: z.string().nullable(), fields: z.array(z.object({ field: z.string(), reason: z.string() })) }),
  ),
});
export type OnlineImportReport = z.infer<typeof onlineImportReport>;

export const vacation = z
  .object({ academicYear: z.string().trim().max(9), kind: z.enum(VACATION_KINDS), from: z.string().max(10), to: z.string().max(10) })
  .strict();
export const verificationCalendar = workingCalendarView.extend({ vacations: z.array(vacation).max(40) });
export type VerificationCalendar = z.infer<typeof verificationCalendar>;

export const verificationSettings = z
  .object({
    uploadMaxBytes: z.number().int().min(LIMITS.uploadMaxBytesFloor).max(LIMITS.uploadMaxBytesCeiling),
    purgeAfterDays: z.number().int().min(1).max(LIMITS.purgeAfterDaysMax),
  })
  .strict();
export type VerificationSettings = z.infer<typeof verificationSettings>;

const fileImport = z
  .object({ fileName: text(255), contentBase64: base64Of(LIMITS.importFileMaxBytes), dryRun: z.boolean() })
  .strict();

export const verificationChannels = {
  'verification.submitAlumni': mutation('verification.intake', alumniApplicationInput, applicationSummary),
  /** A mutation: the lookup by document is counted against the operator's budget in its own transaction. */
  'verification.findAccount': mutation(
    'verification.intake',
    z.object({ realName: text(64), documentType: z.enum(DOCUMENT_TYPES), documentNumber: z.string().trim().min(5).max(24) }).strict(),
    foundAccount,
  ),
  'verification.submitContactChange': mutation('verification.intake', contactChangeInput, applicationSummary),
  'verification.importOnline': mutation('verification.intake', fileImport, onlineImportReport),
  'verification.intakeList': query(
    'verification.intake',
    z.object({ status: z.enum(APPLICATION_STATUSES).optional() }).strict(),
    z.object({ items: z.array(applicationSummary) }),
  ),
  'verification.withdraw': mutation('verification.intake', z.object({ id: applicationId, reason }).strict(), applicationSummary),
  'verification.queue': query(
    'verification.review',
    z.object({ view: z.enum(['open', 'decided']), department: z.string().trim().max(64).optional() }).strict(),
    z.object({ today: z.string(), departments: z.array(z.string()), items: z.array(applicationSummary) }),
  ),
  'verification.get': query('verification.review', z.object({ id: applicationId }).strict(), applicationDetail, { audited: true }),
  /** The clear content of one upload, for the review screen's viewer; every view is audited. */
  'verification.viewUpload': query(
    'verification.review',
    z.object({ id: applicationId, uploadId: z.number().int().positive() }).strict(),
    z.object({ mediaType: z.enum(UPLOAD_MEDIA_TYPES), contentBase64: z.string() }),
    { audited: true },
  ),
  'verification.decide': mutation(
    'verification.review',
    z.discriminatedUnion('decision', [
      z.object({ id: applicationId, decision: z.literal('approve'), note: z.string().trim().max(500).optional() }).strict(),
      z.object({ id: applicationId, decision: z.literal('reject'), reasonCode: z.enum(REJECTION_REASONS), note: reason }).strict(),
    ]),
    applicationDetail,
  ),
  'registry.import': mutation('registry.import', fileImport, importReport),
  'calendar.get': query('calendar.manage', empty, verificationCalendar),
  'calendar.save': mutation('calendar.manage', verificationCalendar.strict(), verificationCalendar),
  'verification.settings': query('signed-in', empty, verificationSettings),
  'verification.updateSettings': mutation('settings.manage', verificationSettings, verificationSettings),
};
