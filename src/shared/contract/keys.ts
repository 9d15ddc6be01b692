import { z } from 'zod';
import {
  BACKUP_PASSWORD_MIN_LENGTH,
  KEY_ALGS,
  KEY_STATES,
  RSA_SIZES,
  ROTATION_DAYS_MAX,
} from '../signing-keys';
import { empty, isoTime, ok, reason } from './common';
import { mutation, query } from './define';

/** What the console sees of a signing key: never any private material. */
export const keyView = z.object({
  kid: z.string(),
  alg: z.enum(KEY_ALGS),
  size: z.number().int().nullable(),
  curve: z.string().nullable(),
  fingerprint: z.string(),
  state: z.enum(KEY_STATES),
  origin: z.enum(['generated', 'restored']),
  createdAt: isoTime,
  publishedAt: isoTime,
  activatedAt: isoTime.nullable(),
  retiredAt: isoTime.nullable(),
  revokedAt: isoTime.nullable(),
  removedAt: isoTime.nullable(),
  revocationReason: z.string().nullable(),
  /** A next key: from when it may be promoted. */
  promotableAt: isoTime.nullable(),
  /** A retired key: when it leaves the JWKS. */
  removalDueAt: isoTime.nullable(),
  /** An active key under scheduled rotation: when its successor takes over. */
  rotationDueAt: isoTime.nullable(),
});
export type KeyView = z.infer<typeof keyView>;

export const revocationRequestView = z.object({
  id: z.number().int(),
  kid: z.string(),
  alg: z.enum(KEY_ALGS),
  fingerprint: z.string(),
  keyState: z.enum(KEY_STATES),
  reason: z.string(),
  requestedBy: z.object({ username: z.string(), displayName: z.string() }),
  requestedAt: isoTime,
  expiresAt: isoTime,
  /** Requested by the caller: only another key admin may confirm it. */
  mine: z.boolean(),
});
export type RevocationRequestView = z.infer<typeof revocationRequestView>;

export const keySchedule = z.object({
  rotationDays: z.number().int(),
  updatedAt: isoTime.nullable(),
  updatedBy: z.string().nullable(),
});
export type KeySchedule = z.infer<typeof keySchedule>;

export const keysOverview = z.object({
  keys: z.array(keyView),
  pendingRevocations: z.array(revocationRequestView),
  schedule: keySchedule,
  /** Seconds: how long a next key waits before promotion, and how long a retired key stays published. */
  timing: z.object({ promotionDelaySeconds: z.number().int(), verifyWindowSeconds: z.number().int() }),
});
export type KeysOverview = z.infer<typeof keysOverview>;

export const backupFile = z.object({ fileName: z.string(), path: z.string(), size: z.number().int(), createdAt: isoTime });
export type BackupFile = z.infer<typeof backupFile>;

export const restoreReport = z.object({
  fileName: z.string(),
  restored: z.array(z.object({ kid: z.string(), alg: z.enum(KEY_ALGS), state: z.enum(KEY_STATES), recordedState: z.enum(KEY_STATES) })),
  skipped: z.array(z.object({ kid: z.string(), reason: z.enum(['duplicate', 'unsupported', 'no_private_key']) })),
});
export type RestoreReport = z.infer<typeof restoreReport>;

const kid = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a key id (43 base64url characters)');
const requestId = z.number().int().positive();
/** A file in the desk's backup folder: a plain name, never a path. */
const backupFileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.(p12|pfx)$/, 'a .p12 file name from the backup folder');

export const keyChannels = {
  'keys.list': query('keys.manage', empty, keysOverview),
  'keys.generateNext': mutation(
    'keys.manage',
    z.object({ alg: z.enum(KEY_ALGS), size: z.union(RSA_SIZES.map((s) => z.literal(s))).optional() }).strict(),
    keyView,
  ),
  'keys.promote': mutation('keys.manage', z.object({ kid }).strict(), z.object({ promoted: keyView, retired: keyView.nullable() })),
  'keys.setSchedule': mutation(
    'keys.manage',
    z.object({ rotationDays: z.number().int().min(0).max(ROTATION_DAYS_MAX) }).strict(),
    keySchedule,
  ),
  'keys.requestRevocation': mutation('keys.manage', z.object({ kid, reason }).strict(), revocationRequestView),
  'keys.confirmRevocation': mutation(
    'keys.manage',
    z.object({ requestId }).strict(),
    z.object({ revoked: keyView, replacement: keyView.nullable(), replacedBy: z.enum(['promoted', 'generated']).nullable() }),
  ),
  'keys.cancelRevocation': mutation('keys.manage', z.object({ requestId }).strict(), ok),
  /** Written by the main process into the desk's backup folder; the file never crosses IPC or HTTP. */
  'keys.backup': query(
    'keys.manage',
    z.object({ password: z.string().min(BACKUP_PASSWORD_MIN_LENGTH).max(256) }).strict(),
    backupFile.extend({ keys: z.number().int() }),
    { audited: true },
  ),
  'keys.listBackups': query('keys.manage', empty, z.object({ folder: z.string().nullable(), files: z.array(backupFile) })),
  'keys.restore': mutation(
    'keys.manage',
    z.object({ fileName: backupFileName, password: z.string().min(1).max(256) }).strict(),
    restoreReport,
  ),
  /** Public data only: the JWKS and the certificates as PEM, for relying parties. */
  'keys.exportPublic': query('keys.manage', empty, z.object({ jwks: z.string(), pem: z.string() }), { audited: true }),
};
