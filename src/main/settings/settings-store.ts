import { type DeskSettings, deskSettings } from '../../shared/contract/settings';
import type { Queryable } from '../store/database';

export const DEFAULT_SETTINGS: DeskSettings = { idleLockSeconds: 300, totpRequiredForAll: false };

/** Desk-wide settings: defaults overlaid with what admins saved. */
export async function readSettings(db: Queryable, defaults: DeskSettings = DEFAULT_SETTINGS): Promise<DeskSettings> {
  const rows = await db.all<{ key: string; value: string }>('SELECT key, value FROM settings');
  const saved = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
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
