import { z } from 'zod';
import { empty } from './common';
import { mutation, query } from './define';

export const IDLE_LOCK_LIMITS = { min: 60, max: 3600 } as const;
/** Exact lookups by mobile, email or document one operator may make per window (an oracle otherwise). */
export const LOOKUP_BUDGET_LIMITS = { min: 5, max: 100_000 } as const;
export const LOOKUP_WINDOW_LIMITS = { min: 1, max: 240 } as const;

export const deskSettings = z.object({
  idleLockSeconds: z.number().int().min(IDLE_LOCK_LIMITS.min).max(IDLE_LOCK_LIMITS.max),
  totpRequiredForAll: z.boolean(),
  piiLookupBudget: z.number().int().min(LOOKUP_BUDGET_LIMITS.min).max(LOOKUP_BUDGET_LIMITS.max),
  piiLookupWindowMinutes: z.number().int().min(LOOKUP_WINDOW_LIMITS.min).max(LOOKUP_WINDOW_LIMITS.max),
});
export type DeskSettings = z.infer<typeof deskSettings>;

export const settingsChannels = {
  'settings.get': query('signed-in', empty, deskSettings),
  'settings.update': mutation('settings.manage', deskSettings.partial().strict(), deskSettings),
};
