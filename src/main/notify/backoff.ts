/** Waits before the 2nd, 3rd... attempt; the last one repeats until the attempts run out. */
export const RETRY_DELAYS_MS = [30_000, 2 * 60_000, 10 * 60_000, 60 * 60_000] as const;
/** Attempts in all, the first included; a message still failing after them is `failed`. */
export const MAX_ATTEMPTS = 6;
/** Each wait is spread by up to this share either way, so messages failed together do not come back together. */
export const JITTER = 0.2;

/** The wait after a failed attempt number `attempt` (1 for the first), jittered by `random` in [0, 1). */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = RETRY_DELAYS_MS[Math.min(Math.max(attempt, 1), RETRY_DELAYS_MS.length) - 1]!;
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}
