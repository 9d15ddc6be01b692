import { type VerificationSettings, verificationSettings } from '../../shared/contract/verification';
import { VERIFICATION_LIMITS } from '../../shared/verification/terms';
import type { Queryable } from '../store/database';

const KEYS = { uploadMaxBytes: 'verification.uploadMaxBytes', purgeAfterDays: 'verification.purgeAfterDays' } as const;

export const DEFAULT_VERIFICATION_SETTINGS: VerificationSettings = {
  uploadMaxBytes: VERIFICATION_LIMITS.uploadMaxBytesDefault,
  purgeAfterDays: VERIFICATION_LIMITS.purgeAfterDaysDefault,
};

/** The upload size limit and the purge delay, kept in the desk's settings table under their own keys. */
export async function readVerificationSettings(db: Queryable): Promise<VerificationSettings> {
  const rows = await db.all<{ key: string; value: string }>('SELECT key, value FROM settings WHERE key IN (?, ?)', [
    KEYS.uploadMaxBytes,
    KEYS.purgeAfterDays,
  ]);
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const merged = verificationSettings.safeParse({
    uploadMaxBytes: stored[KEYS.uploadMaxBytes] ?? DEFAULT_VERIFICATION_SETTINGS.uploadMaxBytes,
    purgeAfterDays: stored[KEYS.purgeAfterDays] ?? DEFAULT_VERIFICATION_SETTINGS.purgeAfterDays,
  });
  return merged.success ? merged.data : DEFAULT_VERIFICATION_SETTINGS;
}

export async function writeVerificationSettings(tx: Queryable, settings: VerificationSettings): Promise<void> {
  for (const field of ['uploadMaxBytes', 'purgeAfterDays'] as const) {
    await tx.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [
      KEYS[field],
      JSON.stringify(settings[field]),
    ]);
  }
}
