import { type VerifySettings, verifySettings } from '../../shared/contract/verify';
import { DEFAULT_BUNDLE_MAX_AGE_SECONDS, DEFAULT_LEEWAY_SECONDS } from '../../shared/identity-code';
import type { Queryable } from '../store/database';

export const DEFAULT_VERIFY_SETTINGS: VerifySettings = {
  codeTtlSeconds: 60,
  leewaySeconds: DEFAULT_LEEWAY_SECONDS,
  bundleMaxAgeSeconds: DEFAULT_BUNDLE_MAX_AGE_SECONDS,
};

/** Stored in the settings table under `verify.<name>`, apart from the desk settings the session check reads. */
const KEY_PREFIX = 'verify.';

export async function readVerifySettings(db: Queryable): Promise<VerifySettings> {
  const rows = await db.all<{ key: string; value: string }>("SELECT key, value FROM settings WHERE key LIKE 'verify.%'");
  const saved = Object.fromEntries(rows.map((r) => [r.key.slice(KEY_PREFIX.length), JSON.parse(r.value) as unknown]));
  const merged = verifySettings.safeParse({ ...DEFAULT_VERIFY_SETTINGS, ...saved });
  return merged.success ? merged.data : DEFAULT_VERIFY_SETTINGS;
}

export async function writeVerifySettings(tx: Queryable, patch: Partial<VerifySettings>): Promise<void> {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    await tx.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [
      KEY_PREFIX + key,
      JSON.stringify(value),
    ]);
  }
}
