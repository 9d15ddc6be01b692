import { JWKS_CACHE_MAX_AGE, LONGEST_SIGNED_TTL } from '../../shared/oauth/lifetimes';
import type { KeyRow } from './signing-key-repository';

/** A next key signs only once every relying party's cached JWKS has had time to include it. */
export const PROMOTION_DELAY_MS = JWKS_CACHE_MAX_AGE * 1000;
/** A retired key stays published until everything it signed has expired and caches have caught up. */
export const VERIFY_WINDOW_MS = (LONGEST_SIGNED_TTL + JWKS_CACHE_MAX_AGE) * 1000;
const DAY_MS = 24 * 3600 * 1000;

const plus = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms);

export function promotableAt(key: Pick<KeyRow, 'state' | 'published_at'>): Date | null {
  return key.state === 'next' ? plus(key.published_at, PROMOTION_DELAY_MS) : null;
}

export function removalDueAt(key: Pick<KeyRow, 'state' | 'retired_at'>): Date | null {
  return key.state === 'retired' && key.retired_at ? plus(key.retired_at, VERIFY_WINDOW_MS) : null;
}

/** When scheduled rotation replaces this active key (null: rotation is off). */
export function rotationDueAt(active: Pick<KeyRow, 'activated_at'>, rotationDays: number): Date | null {
  if (rotationDays <= 0 || !active.activated_at) return null;
  return plus(active.activated_at, rotationDays * DAY_MS);
}

/**
 * When scheduled rotation publishes the successor: a day ahead (half the interval for short
 * ones), which is always longer than the JWKS cache age, so it can be promoted on time.
 */
export function successorDueAt(active: Pick<KeyRow, 'activated_at'>, rotationDays: number): Date | null {
  const due = rotationDueAt(active, rotationDays);
  if (!due) return null;
  return new Date(due.getTime() - Math.min(DAY_MS, (rotationDays * DAY_MS) / 2));
}
