import { type VerifySettings, verifySettings } from '../../shared/contract/verify';
import { DEFAULT_BUNDLE_MAX_AGE_SECONDS, DEFAULT_LEEWAY_SECONDS } from '../../shared/identity-code';
import type { Repositories } from '../repositories';

export const DEFAULT_VERIFY_SETTINGS: VerifySettings = {
  codeTtlSeconds: 60,
  leewaySeconds: DEFAULT_LEEWAY_SECONDS,
  bundleMaxAgeSeconds: DEFAULT_BUNDLE_MAX_AGE_SECONDS,
};

/** Stored in the settings table under `verify.<name>`, apart from the desk settings the session check reads. */
const KEY_PREFIX = 'verify.';

export async function readVerifySettings(repos: Repositories): Promise<VerifySettings> {
  const stored = await repos.settings.storedSettings(KEY_PREFIX);
  const saved = Object.fromEntries(Object.entries(stored).map(([key, value]) => [key.slice(KEY_PREFIX.length), JSON.parse(value) as unknown]));
  const merged = verifySettings.safeParse({ ...DEFAULT_VERIFY_SETTINGS, ...saved });
  return merged.success ? merged.data : DEFAULT_VERIFY_SETTINGS;
}

export async function writeVerifySettings(repos: Repositories, patch: Partial<VerifySettings>): Promise<void> {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    await repos.settings.saveSetting(KEY_PREFIX + key, JSON.stringify(value));
  }
}
