import type { Queryable } from '../store/database';
import { type Engine, jsonArray, jsonArrayAgg } from '../store/dialect';

/** The SQL of the settings table: one row per key, each value a JSON text. */

/** Every stored setting (or those whose key starts with `prefix`), as key -> stored value text. */
export async function storedSettings(db: Queryable, prefix?: string): Promise<Record<string, string>> {
  const rows = prefix
    ? await db.all<{ key: string; value: string }>('SELECT key, value FROM settings WHERE key LIKE ?', [`${prefix}%`])
    : await db.all<{ key: string; value: string }>('SELECT key, value FROM settings');
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export async function saveSetting(tx: Queryable, key: string, valueJson: string): Promise<void> {
  await tx.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, valueJson]);
}

/**
 * The settings table as one JSON text of [key, stored value text] pairs, for statements that
 * read the settings along with something else (the session check on every call); read it
 * back with storedSettingsFrom.
 */
export function settingsAsJson(engine: Engine): string {
  return `(SELECT ${jsonArrayAgg(engine, jsonArray(engine, ['key', 'value']))} FROM settings)`;
}

export function storedSettingsFrom(json: string): Record<string, string> {
  return Object.fromEntries(JSON.parse(json) as [string, string][]);
}
