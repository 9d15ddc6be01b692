import { z } from 'zod';
import { isoTime, language, reason } from './common';
import type { ChannelDef } from './define';
import { mutation, query } from './define';

export const NOTIFICATION_CHANNELS = ['email', 'sms'] as const;
export const NOTIFICATION_STATUSES = ['queued', 'sending', 'sent', 'failed', 'cancelled'] as const;
export const ADAPTER_NAMES = ['development', 'smtp', 'sms-http'] as const;
export const EMAIL_ADAPTERS = ['development', 'smtp'] as const;
export const SMS_ADAPTERS = ['development', 'sms-http'] as const;
export const SMTP_SECURITY = ['tls', 'starttls', 'none'] as const;

/** What the console may show of a message's one-time code. */
export const CODE_STATES = [
  /** The template carries no code. */
  'none',
  /** Delivered to the development outbox: the screen is where it is read, until the code expires. */
  'shown',
  /** Meant for a real recipient and not delivered yet: staff do not get to read it. */
  'withheld',
  /** Removed after delivery, expiry or cancellation: nothing secret is left. */
  'scrubbed',
] as const;

export const SMS_PLACEHOLDERS = ['{{to}}', '{{text}}', '{{signature}}'] as const;
export const NOTIFY_LIMITS = { textField: 200, bodyTemplate: 2000, secret: 512 } as const;

const statusFilter = z.enum(NOTIFICATION_STATUSES);
const channel = z.enum(NOTIFICATION_CHANNELS);

export const outboxItem = z.object({
  id: z.number().int(),
  channel,
  recipientMasked: z.string(),
  language,
  template: z.string(),
  subjectRef: z.string().nullable(),
  status: statusFilter,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  nextAttemptAt: isoTime.nullable(),
  lastError: z.string().nullable(),
  adapter: z.enum(ADAPTER_NAMES).nullable(),
  createdAt: isoTime,
  sentAt: isoTime.nullable(),
  codeExpiresAt: isoTime.nullable(),
});
export type OutboxItem = z.infer<typeof outboxItem>;

export const outboxDetail = outboxItem.extend({
  /** The message as it was (or will be) sent, in its own language; a code only when `codeState` is `shown`. */
  subject: z.string().nullable(),
  body: z.string(),
  codeState: z.enum(CODE_STATES),
});
export type OutboxDetail = z.infer<typeof outboxDetail>;

const text = (max: number = NOTIFY_LIMITS.textField) => z.string().trim().max(max);

/** Delivery options as admins edit them (secrets apart: they are write-only). */
export const notifyOptions = z
  .object({
    emailAdapter: z.enum(EMAIL_ADAPTERS),
    smsAdapter: z.enum(SMS_ADAPTERS),
    smtpHost: text(253),
    smtpPort: z.number().int().min(1).max(65535),
    smtpSecurity: z.enum(SMTP_SECURITY),
    smtpUser: text(),
    smtpFrom: text(254),
    smsUrl: text(1000),
    smsBodyTemplate: z.string().max(NOTIFY_LIMITS.bodyTemplate),
    smsSignature: text(64),
    smsApiKeyHeader: text(64),
  })
  .strict();
export type NotifyOptions = z.infer<typeof notifyOptions>;

/** What any channel says about the settings: the options, and only whether each secret is set. */
export const notifySettingsView = notifyOptions.extend({
  smtpPasswordSet: z.boolean(),
  smsApiKeySet: z.boolean(),
  updatedAt: isoTime.nullable(),
});
export type NotifySettingsView = z.infer<typeof notifySettingsView>;

/** A secret is kept when omitted, replaced when given, removed when null. */
const secretChange = z.string().min(1).max(NOTIFY_LIMITS.secret).nullable().optional();

export const notifySettingsUpdate = notifyOptions.extend({ smtpPassword: secretChange, smsApiKey: secretChange }).strict();
export type NotifySettingsUpdate = z.infer<typeof notifySettingsUpdate>;

const id = z.object({ id: z.number().int().positive() }).strict();

export const notifyChannels = {
  'outbox.list': query(
    'outbox.view',
    z
      .object({
        status: statusFilter.optional(),
        channel: channel.optional(),
        page: z.number().int().min(1).max(10_000),
        pageSize: z.number().int().min(5).max(100),
      })
      .strict(),
    z.object({
      items: z.array(outboxItem),
      total: z.number().int(),
      /** Channels whose messages go to this screen only (the development adapter): nothing leaves the machine. */
      developmentChannels: z.array(channel),
    }),
  ),
  /** Audited: reading a message can mean reading a one-time code of the development outbox. */
  'outbox.get': query('outbox.view', id, outboxDetail, { audited: true }),
  'outbox.retry': mutation('outbox.view', id, outboxItem),
  'outbox.cancel': mutation('outbox.view', id.extend({ reason }).strict(), outboxItem),
  'notify.settings.get': query('settings.manage', z.object({}).strict(), notifySettingsView),
  'notify.settings.update': mutation('settings.manage', notifySettingsUpdate, notifySettingsView),
  /** Queues a test message through the configured adapter of the channel; its delivery shows in the outbox. */
  'notify.sendTest': mutation(
    'settings.manage',
    z.object({ channel, to: text(254).min(1), language }).strict(),
    z.object({ id: z.number().int(), recipientMasked: z.string() }),
  ),
  /** How a test message fared, for the settings card (its holder may not see the outbox). */
  'notify.testStatus': query('settings.manage', id, outboxItem.pick({ id: true, status: true, attempts: true, lastError: true, adapter: true, sentAt: true })),
} satisfies Record<string, ChannelDef>;
