import { z } from 'zod';
import { DOCUMENT_TYPES } from '../identity/documents';
import { RECOVERY_PURPOSES, accountSummary } from './accounts';
import { isoTime, language, reason } from './common';
import { type ChannelDef, mutation, query } from './define';

export const RECOVERY_CHANNELS = ['email', 'sms', 'counter'] as const;
export const CODE_CLOSE_REASONS = ['used', 'cancelled', 'superseded', 'exhausted', 'expired'] as const;

const accountId = z.number().int().positive();

export const idCheckResult = z.object({
  matched: z.boolean(),
  typeMatched: z.boolean(),
  digitsMatched: z.boolean(),
  /** Until when the counter actions may follow; null after a mismatch. */
  validUntil: isoTime.nullable(),
});

export const openRecoveryCode = z.object({
  purpose: z.enum(RECOVERY_PURPOSES),
  channel: z.enum(RECOVERY_CHANNELS),
  createdAt: isoTime,
  expiresAt: isoTime,
  issuedBy: z.string(),
  attempts: z.number().int(),
});

export const recoveryEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('id_check'), at: isoTime, actor: z.string(), desk: z.string(), matched: z.boolean(), documentType: z.enum(DOCUMENT_TYPES) }),
  z.object({ kind: z.literal('code_issued'), at: isoTime, actor: z.string(), purpose: z.enum(RECOVERY_PURPOSES), channel: z.enum(RECOVERY_CHANNELS) }),
  z.object({ kind: z.literal('code_closed'), at: isoTime, purpose: z.enum(RECOVERY_PURPOSES), reason: z.enum(CODE_CLOSE_REASONS) }),
]);
export type RecoveryEvent = z.infer<typeof recoveryEvent>;

export const recoveryStatus = z.object({
  /** The current operator's own latest check within 15 minutes: what the counter actions need. */
  myCheck: z.object({ at: isoTime, matched: z.boolean(), validUntil: isoTime.nullable() }).nullable(),
  openCodes: z.array(openRecoveryCode),
  events: z.array(recoveryEvent),
});
export type RecoveryStatus = z.infer<typeof recoveryStatus>;

export const recoveryChannels = {
  'recovery.status': query('account.view', z.object({ id: accountId }).strict(), recoveryStatus),
  /** Open to counter staff who may act on what it unlocks (unlock, counter code): the handler checks either permission. */
  'recovery.recordIdCheck': mutation(
    'account.view',
    z
      .object({
        id: accountId,
        documentType: z.enum(DOCUMENT_TYPES),
        /** The characters before the last 4, which the console never shows (masking.ts, hiddenCheckSegment). */
        hiddenCharacters: z
          .string()
          .trim()
          .regex(/^[0-9A-Za-z]{1,6}$/, 'the 1 to 6 letters or digits before the last 4 of the document number'),
      })
      .strict(),
    idCheckResult,
  ),
  'recovery.issueCounterCode': mutation(
    'counterCode.issue',
    z.object({ id: accountId, minutes: z.number().int().min(10).max(60), replaceOpen: z.boolean() }).strict(),
    z.object({ account: accountSummary, code: z.string(), issuedAt: isoTime, expiresAt: isoTime, replaced: z.boolean() }),
  ),
  'recovery.cancelCounterCode': mutation('counterCode.issue', z.object({ id: accountId, reason }).strict(), recoveryStatus),
  'recovery.sendUsername': mutation(
    'counterCode.issue',
    z.object({ id: accountId, language }).strict(),
    z.object({ channels: z.array(z.enum(['sms', 'email'])) }),
  ),
} satisfies Record<string, ChannelDef>;
