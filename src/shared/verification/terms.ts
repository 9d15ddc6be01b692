/** The vocabulary of verification applications, shared by the desk and the console (free of zod). */

export const APPLICATION_KINDS = ['alumni', 'contact_change'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

export const APPLICATION_STATUSES = ['submitted', 'approved', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const INTAKE_CHANNELS = ['counter', 'online'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

export const DEGREES = ['bachelor', 'master', 'doctor'] as const;
export type Degree = (typeof DEGREES)[number];

export const UPLOAD_KINDS = ['id_photo', 'proof'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

export const UPLOAD_MEDIA_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type UploadMediaType = (typeof UPLOAD_MEDIA_TYPES)[number];

/** Why an application is rejected; the applicant's notice says it in their language. */
export const REJECTION_REASONS = [
  'not_in_registry',
  'record_mismatch',
  'documents_unreadable',
  'identity_unconfirmed',
  'not_eligible',
  'account_exists',
  'other',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const VERIFICATION_LIMITS = {
  /** Reviewers answer within this many working days (vacations, weekends and holidays excluded). */
  deadlineWorkingDays: 7,
  /** A case this close to its due date (in working days) stands out. */
  nearWorkingDays: 2,
  /** Upload size limit bounds: the setting lies between them (default 5 MiB). */
  uploadMaxBytesDefault: 5 * 1024 * 1024,
  uploadMaxBytesCeiling: 8 * 1024 * 1024,
  uploadMaxBytesFloor: 256 * 1024,
  uploadsPerApplication: 4,
  /** Uploads are wiped this many days after the decision (a setting, 1 to 365). */
  purgeAfterDaysDefault: 30,
  purgeAfterDaysMax: 365,
  /** Online exports: the largest file the import takes. */
  importFileMaxBytes: 12 * 1024 * 1024,
  departmentsPerStaff: 30,
} as const;
