import { z } from 'zod';
import { DESKS } from '../desks';
import { REASON_MIN_LENGTH } from '../limits';
import { PERMISSIONS, ROLE_NAMES } from '../permissions';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const staffUsername = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[a-z][a-z0-9_.-]*$/, 'lowercase letters, digits, "_", "-" or "." and starting with a letter');
export const password = z.string().min(1).max(128);
export const newPassword = z.string().min(12).max(128);
export const totpCode = z.string().regex(/^\d{6}$/, 'six digits');
export const reason = z.string().trim().min(REASON_MIN_LENGTH).max(500);
export const desk = z.enum(DESKS);
export const role = z.enum(ROLE_NAMES);
export const permission = z.enum(PERMISSIONS);
export const language = z.enum(LANGUAGES);
export const isoTime = z.string();
export const empty = z.object({}).strict();
export const ok = z.object({ ok: z.literal(true) });
