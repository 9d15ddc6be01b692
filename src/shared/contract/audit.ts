import { z } from 'zod';
import { empty, isoTime } from './common';
import { mutation, query } from './define';

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;

export const auditEntry = z.object({
  seq: z.number().int(),
  at: isoTime,
  actor: z.string().nullable(),
  desk: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditFilter = z
  .object({
    actor: z.string().trim().max(64).optional(),
    action: z.string().trim().max(64).optional(),
    target: z.string().trim().max(128).optional(),
    outcome: z.enum(AUDIT_OUTCOMES).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof auditFilter>;

export const auditChannels = {
  'audit.list': query(
    'audit.read',
    z
      .object({
        filter: auditFilter,
        page: z.number().int().min(1).max(100000),
        pageSize: z.number().int().min(10).max(200),
      })
      .strict(),
    z.object({ entries: z.array(auditEntry), total: z.number().int() }),
  ),
  'audit.verify': mutation(
    'audit.read',
    empty,
    z.object({
      ok: z.boolean(),
      checked: z.number().int(),
      firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
    }),
  ),
  'audit.exportCsv': query(
    'audit.read',
    z.object({ filter: auditFilter }).strict(),
    z.object({ filename: z.string(), csv: z.string(), rows: z.number().int() }),
    { audited: true },
  ),
};
