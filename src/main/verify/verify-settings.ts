import { type VerifySettings, verifySettings } from '../../shared/contract/verify';
import { DEFAULT_BUNDLE_MAX_AGE_SECONDS, DEFAULT_LEEWAY_SECONDS } from '../../shared/identity-code';
import { saveSetting, storedSettings } from '../settings/settings-repository';
import type { Queryable } from '../store/database';

export const DEFAULT_VERIFY_SETTINGS: VerifySettings = {
  codeTtlSeconds: 60,
  leewaySeconds: DEFAULT_LEEWAY_SECONDS,
  bundleMaxAgeSeconds: DEFAULT_BUNDLE_MAX_AGE_SECONDS,
};

/** Stored in the settings table under `verify.<name>`, apart from the desk settings the session check reads. */
const KEY_PREFIX = 'verify.';

export async function readVerifySettings(db: Queryable): Promise<VerifySettings> {
  const stored = await storedSettings(db, KEY_PREFIX);
  const saved = Object.fromEntries(Object.entries(stored).map(([key, value]) => [key.slice(KEY_PREFIX.length), JSON.parse(value) as unknown]));
  const merged = verifySettings.safeParse({ ...DEFAULT_VERIFY_SETTINGS, ...saved });
  return merged.success ? merged.data : DEFAULT_VERIFY_SETTINGS;
}

export async function writeVerifySettings(tx: Queryable, patch: Partial<VerifySettings>): Promise<void> {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    await saveSetting(tx, KEY_PREFIX + key, JSON.stringify(value));
  }
}
