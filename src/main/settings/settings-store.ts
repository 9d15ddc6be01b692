import { type DeskSettings, deskSettings } from '../../shared/contract/settings';
import type { Repositories } from '../repositories';

export const DEFAULT_SETTINGS: DeskSettings = { idleLockSeconds: 300, totpRequiredForAll: false, piiLookupBudget: 60, piiLookupWindowMinutes: 10 };

/** Desk-wide settings: defaults overlaid with what admins saved. */
export async function readSettings(repos: Repositories, defaults: DeskSettings = DEFAULT_SETTINGS): Promise<DeskSettings> {
  return settingsFrom(await repos.settings.storedSettings(), defaults);
}

/** Settings from their stored texts by key (each a JSON value), over the defaults. */
export function settingsFrom(stored: Record<string, string>, defaults: DeskSettings = DEFAULT_SETTINGS): DeskSettings {
  const saved = Object.fromEntries(Object.entries(stored).map(([key, value]) => [key, JSON.parse(value) as unknown]));
  const merged = deskSettings.safeParse({ ...defaults, ...saved });
  return merged.success ? merged.data : defaults;
}

export async function writeSettings(repos: Repositories, patch: Partial<DeskSettings>): Promise<void> {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    await repos.settings.saveSetting(key, JSON.stringify(value));
  }
}
