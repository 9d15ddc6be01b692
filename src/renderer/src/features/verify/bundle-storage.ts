import type { VerifySettings } from '../../../../shared/contract/verify';
import { DEFAULT_BUNDLE_MAX_AGE_SECONDS, DEFAULT_LEEWAY_SECONDS, type TrustBundle, parseBundle } from '../../../../shared/identity-code';

/** The last bundle this workstation fetched or imported, kept for when the desk cannot be reached. */
const BUNDLE_KEY = 'jaccount.verify.bundle';
const SETTINGS_KEY = 'jaccount.verify.settings';

export function storedBundle(): TrustBundle | null {
  try {
    const text = localStorage.getItem(BUNDLE_KEY);
    return text ? parseBundle(text) : null;
  } catch {
    return null;
  }
}

export function storeBundle(text: string): TrustBundle {
  const bundle = parseBundle(text);
  localStorage.setItem(BUNDLE_KEY, text);
  return bundle;
}

export type VerifierSettings = Pick<VerifySettings, 'leewaySeconds' | 'bundleMaxAgeSeconds'>;

export function storedSettings(): VerifierSettings {
  try {
    const saved = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? 'null') as VerifierSettings | null;
    if (saved && Number.isInteger(saved.leewaySeconds) && Number.isInteger(saved.bundleMaxAgeSeconds)) return saved;
  } catch {
    // fall through to the defaults
  }
  return { leewaySeconds: DEFAULT_LEEWAY_SECONDS, bundleMaxAgeSeconds: DEFAULT_BUNDLE_MAX_AGE_SECONDS };
}

export function storeSettings(settings: VerifierSettings): void {
  localStorage.setItem(SETTINGS_KEY, JSON.stringify({ leewaySeconds: settings.leewaySeconds, bundleMaxAgeSeconds: settings.bundleMaxAgeSeconds }));
}
