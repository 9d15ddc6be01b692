import type { Queryable } from '../store/database';

/**
 * Settings rows by key (table `settings`, settings/'s): each value a JSON text. Here until the
 * settings store reads and writes single keys.
 */
export async function readSettingTexts(db: Queryable, keys: readonly string[]): Promise<Record<string, string>> {
  const rows = await db.all<{ key: string; value: string }>(`SELECT key, value FROM settings WHERE key IN (${keys.map(() => '?').join(', ')})`, keys);
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export async function writeSettingText(tx: Queryable, key: string, value: string): Promise<void> {
  await tx.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [key, value]);
}
