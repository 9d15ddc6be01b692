import { type VerificationSettings, verificationSettings } from '../../shared/contract/verification';
import { VERIFICATION_LIMITS } from '../../shared/verification/terms';
import type { Queryable } from '../store/database';
import { readSettingTexts, writeSettingText } from './verification-settings-repository';

const KEYS = { uploadMaxBytes: 'verification.uploadMaxBytes', purgeAfterDays: 'verification.purgeAfterDays' } as const;

export const DEFAULT_VERIFICATION_SETTINGS: VerificationSettings = {
  uploadMaxBytes: VERIFICATION_LIMITS.uploadMaxBytesDefault,
  purgeAfterDays: VERIFICATION_LIMITS.purgeAfterDaysDefault,
};

/** The upload size limit and the purge delay, kept in the desk's settings table under their own keys. */
export async function readVerificationSettings(db: Queryable): Promise<VerificationSettings> {
  const texts = await readSettingTexts(db, [KEYS.uploadMaxBytes, KEYS.purgeAfterDays]);
  const stored = Object.fromEntries(Object.entries(texts).map(([key, value]) => [key, JSON.parse(value) as unknown]));
  const merged = verificationSettings.safeParse({
    uploadMaxBytes: stored[KEYS.uploadMaxBytes] ?? DEFAULT_VERIFICATION_SETTINGS.uploadMaxBytes,
    purgeAfterDays: stored[KEYS.purgeAfterDays] ?? DEFAULT_VERIFICATION_SETTINGS.purgeAfterDays,
  });
  return merged.success ? merged.data : DEFAULT_VERIFICATION_SETTINGS;
}

export async function writeVerificationSettings(tx: Queryable, settings: VerificationSettings): Promise<void> {
  for (const field of ['uploadMaxBytes', 'purgeAfterDays'] as const) {
    await writeSettingText(tx, KEYS[field], JSON.stringify(settings[field]));
  }
}
