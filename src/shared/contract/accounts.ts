import { z } from 'zod';
import { ACCOUNT_CATEGORIES, ACCOUNT_STATUSES } from '../identity/account';
import { DOCUMENT_TYPES } from '../identity/documents';
import { MAX_IMPORT_FILE_BYTES } from '../limits';
import { auditEntry } from './audit';
import { isoTime, reason } from './common';
import { mutation, query } from './define';

export const PII_FIELDS = ['document', 'mobile', 'email'] as const;
export const MATCH_KINDS = ['username', 'number', 'mobile', 'email', 'document', 'name'] as const;
export const SIGN_IN_OUTCOMES = ['success', 'wrong_password', 'locked', 'not_activated', 'suspended', 'revoked', 'password_expired'] as const;

/** Password-reset codes: sent to a bound contact (self-service) or handed over at the counter. */
export const RECOVERY_PURPOSES = ['self_reset', 'counter_reset'] as const;

/** Why a sign-in fails, with the facts the counter needs; the UI turns the code into words. */
export const DIAGNOSES = ['ok', 'locked', 'wrong_password', 'pending_activation', 'suspended', 'revoked', 'password_expired'] as const;
export const diagnosis = z.object({
  code: z.enum(DIAGNOSES),
  failedAttempts: z.number().int(),
  lockedUntil: isoTime.nullable(),
  activationSentAt: isoTime.nullable(),
  activationChannel: z.string().nullable(),
  /** Accounts work this long after activation; the UI says when. */
  activationReadyAt: isoTime.nullable(),
  reason: z.string().nullable(),
  passwordExpiredAt: isoTime.nullable(),
  /** A reset code still open on the account (on the card; null where only the row was read). */
  openRecovery: z.object({ purpose: z.enum(RECOVERY_PURPOSES), expiresAt: isoTime }).nullable(),
});
export type Diagnosis = z.infer<typeof diagnosis>;

export const accountSummary = z.object({
  id: z.number().int(),
  username: z.string().nullable(),
  realName: z.string(),
  category: z.enum(ACCOUNT_CATEGORIES),
  number: z.string().nullable(),
  department: z.string(),
  status: z.enum(ACCOUNT_STATUSES),
  locked: z.boolean(),
  documentType: z.enum(DOCUMENT_TYPES),
  documentMasked: z.string(),
  mobileMasked: z.string().nullable(),
  emailMasked: z.string().nullable(),
  matchedBy: z.enum(MATCH_KINDS).nullable(),
});
export type AccountSummary = z.infer<typeof accountSummary>;

export const accountCard = accountSummary.extend({
  statusReason: z.string().nullable(),
  lockedUntil: isoTime.nullable(),
  failedAttempts: z.number().int(),
  createdAt: isoTime,
  updatedAt: isoTime,
  diagnosis,
  recentSignIns: z.array(z.object({ at: isoTime, outcome: z.enum(SIGN_IN_OUTCOMES), source: z.string() })),
  statusHistory: z.array(
    z.object({ at: isoTime, from: z.string().nullable(), to: z.string(), reason: z.string(), actor: z.string() }),
  ),
  history: z.array(auditEntry),
});
export type AccountCard = z.infer<typeof accountCard>;

const accountId = z.number().int().positive();
const filters = z
  .object({
    category: z.enum(ACCOUNT_CATEGORIES).optional(),
    status: z.enum(ACCOUNT_STATUSES).optional(),
    department: z.string().trim().min(1).max(64).optional(),
  })
  .strict();

export const registration = z
  .object({
    realName: z.string().trim().min(1).max(64),
    category: z.enum(ACCOUNT_CATEGORIES),
    number: z.string().trim().min(4).max(20).optional(),
    department: z.string().trim().min(1).max(64),
    documentType: z.enum(DOCUMENT_TYPES),
    documentNumber: z.string().trim().min(5).max(24),
    mobile: z.string().trim().min(6).max(24),
    email: z.string().trim().max(254).optional(),
    /** How the person was identified at the counter: the document was seen in person. */
    documentChecked: z.literal(true),
  })
  .strict();
export type Registration = z.infer<typeof registration>;

export const importReport = z.object({
  batchId: z.number().int().nullable(),
  encoding: z.string(),
  total: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(
    z.object({ line: z.number().int(), fields: z.array(z.object({ field: z.string(), reason: z.string() })) }),
  ),
});
export type ImportReport = z.infer<typeof importReport>;

export const accountChannels = {
  /** A mutation: every search is audited, and exact lookups by PII are counted against the operator's budget in the same transaction. */
  'accounts.search': mutation(
    'account.view',
    z
      .object({
        query: z.string().trim().max(64),
        filters,
        page: z.number().int().min(1).max(500),
        pageSize: z.number().int().min(5).max(100),
      })
      .strict(),
    z.object({ items: z.array(accountSummary), hasMore: z.boolean() }),
  ),
  'accounts.get': query('account.view', z.object({ id: accountId }).strict(), accountCard, { audited: true }),
  'accounts.diagnose': query(
    'account.view',
    z.object({ username: z.string().trim().min(1).max(64) }).strict(),
    z.object({ found: z.boolean(), account: accountSummary.nullable(), diagnosis: diagnosis.nullable(), closest: z.array(accountSummary) }),
    { audited: true },
  ),
  'accounts.departments': query('account.view', z.object({}).strict(), z.array(z.string())),
  'accounts.reveal': mutation(
    'pii.reveal',
    z.object({ id: accountId, field: z.enum(PII_FIELDS), reason }).strict(),
    z.object({ value: z.string() }),
  ),
  'accounts.setStatus': mutation(
    'account.manage',
    z.object({ id: accountId, status: z.enum(ACCOUNT_STATUSES), reason }).strict(),
    accountCard,
  ),
  'accounts.unlock': mutation('account.unlock', z.object({ id: accountId, reason }).strict(), accountCard),
  'accounts.register': mutation(
    'account.register',
    registration,
    z.object({ account: accountSummary, activationCode: z.string(), expiresAt: isoTime }),
  ),
  'accounts.import': mutation(
    'account.import',
    z
      .object({
        fileName: z.string().trim().min(1).max(255),
        contentBase64: z.string().max(Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4),
        dryRun: z.boolean(),
      })
      .strict(),
    importReport,
  ),
};
