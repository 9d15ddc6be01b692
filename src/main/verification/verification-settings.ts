import { type VerificationSettings, verificationSettings } from '../../shared/contract/verification';
import { VERIFICATION_LIMITS } from '../../shared/verification/terms';
import type { Repositories } from '../repositories';

const KEY_PREFIX = 'verification.';
const KEYS = { uploadMaxBytes: `${KEY_PREFIX}uploadMaxBytes`, purgeAfterDays: `${KEY_PREFIX}purgeAfterDays` } as const;

export const DEFAULT_VERIFICATION_SETTINGS: VerificationSettings = {
  uploadMaxBytes: VERIFICATION_LIMITS.uploadMaxBytesDefault,
  purgeAfterDays: VERIFICATION_LIMITS.purgeAfterDaysDefault,
};

/** The upload size limit and the purge delay, kept in the desk's settings table under their own keys. */
export async function readVerificationSettings(repos: Repositories): Promise<VerificationSettings> {
  const texts = await repos.settings.storedSettings(KEY_PREFIX);
  const stored = Object.fromEntries(
    [KEYS.uploadMaxBytes, KEYS.purgeAfterDays].filter((key) => key in texts).map((key) => [key, JSON.parse(texts[key]!) as unknown]),
  );
  const merged = verificationSettings.safeParse({
    uploadMaxBytes: stored[KEYS.uploadMaxBytes] ?? DEFAULT_VERIFICATION_SETTINGS.uploadMaxBytes,
    purgeAfterDays: stored[KEYS.purgeAfterDays] ?? DEFAULT_VERIFICATION_SETTINGS.purgeAfterDays,
  });
  return merged.success ? merged.data : DEFAULT_VERIFICATION_SETTINGS;
}

export async function writeVerificationSettings(repos: Repositories, settings: VerificationSettings): Promise<void> {
  for (const field of ['uploadMaxBytes', 'purgeAfterDays'] as const) {
    await repos.settings.saveSetting(KEYS[field], JSON.stringify(settings[field]));
  }
}
