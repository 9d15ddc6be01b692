import { describe, expect, it } from 'vitest';
import { JITTER, MAX_ATTEMPTS, RETRY_DELAYS_MS, retryDelayMs } from '../../src/main/notify/backoff';

describe('retry backoff', () => {
  it('waits 30 s, 2 min, 10 min, then 1 h, at the middle of the jitter', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, () => 0.5))).toEqual([30_000, 120_000, 600_000, 3_600_000, 3_600_000]);
    expect(MAX_ATTEMPTS).toBe(6);
  });

  it('spreads each wait by the jitter either way, never beyond', () => {
    for (const [i, base] of RETRY_DELAYS_MS.entries()) {
      expect(retryDelayMs(i + 1, () => 0)).toBe(Math.round(base * (1 - JITTER)));
      expect(retryDelayMs(i + 1, () => 0.999999)).toBeLessThanOrEqual(Math.round(base * (1 + JITTER)));
      expect(retryDelayMs(i + 1, () => 0.999999)).toBeGreaterThan(base);
    }
  });

  it('grows with every attempt even at the worst jitter', () => {
    for (let attempt = 1; attempt < RETRY_DELAYS_MS.length; attempt++) {
      expect(retryDelayMs(attempt + 1, () => 0)).toBeGreaterThan(retryDelayMs(attempt, () => 0.999999));
    }
  });
});
