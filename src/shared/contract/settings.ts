import { z } from 'zod';
import { empty } from './common';
import { mutation, query } from './define';

export const IDLE_LOCK_LIMITS = { min: 60, max: 3600 } as const;

export const deskSettings = z.object({
  idleLockSeconds: z.number().int().min(IDLE_LOCK_LIMITS.min).max(IDLE_LOCK_LIMITS.max),
  totpRequiredForAll: z.boolean(),
});
export type DeskSettings = z.infer<typeof deskSettings>;

export const settingsChannels = {
  'settings.get': query('signed-in', empty, deskSettings),
  'settings.update': mutation('settings.manage', deskSettings.partial().strict(), deskSettings),
};
