import { type DeskSettings, deskSettings } from '../../shared/contract/settings';
import type { Queryable } from '../store/database';

export const DEFAULT_SETTINGS: DeskSettings = { idleLockSeconds: 300, totpRequiredForAll: false, piiLookupBudget: 60, piiLookupWindowMinutes: 10 };

/** Desk-wide settings: defaults overlaid with what admins saved. */
export async function readSettings(db: Queryable, defaults: DeskSettings = DEFAULT_SETTINGS): Promise<DeskSettings> {
  const rows = await db.all<{ key: string; value: string }>('SELECT key, value FROM settings');
  return settingsFrom(Object.fromEntries(rows.map((r) => [r.key, r.value])), defaults);
}

/**
 * The settings table as one JSON object text ({key: stored value text}), for statements
 * that read the settings along with something else (the session check on every call).
 */
export const SETTINGS_AS_JSON_SQL = '(SELECT json_group_object(key, value) FROM settings)';

/** Settings from their stored texts by key (each a JSON value), over the defaults. */
export function settingsFrom(stored: Record<string, string>, defaults: DeskSettings = DEFAULT_SETTINGS): DeskSettings {
  const saved = Object.fromEntries(Object.entries(stored).map(([key, value]) => [key, JSON.parse(value) as unknown]));
  const merged = deskSettings.safeParse({ ...defaults, ...saved });
  return merged.success ? merged.data : defaults;
}

export async function writeSettings(tx: Queryable, patch: Partial<DeskSettings>): Promise<void> {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    await tx.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [
      key,
      JSON.stringify(value),
    ]);
  }
}
