/** An attempt counted against a source's limit before its work starts; the outcome decides whether it stays. */
export interface Reservation {
  /** The attempt failed: it stays counted until it leaves the window. */
  keep(): void;
  /** The attempt was not one the limit is about (a success, a form missing a field, a busy desk): it no longer counts. */
  release(): void;
}

/** Beyond this many sources, expired entries are swept before a new one is added. */
const SWEEP_AT = 10_000;

/**
 * Attempts per source in a sliding window; in memory, so a restart forgets (the codes
 * themselves carry 60 bits). Checking and counting are one synchronous step, taken before any
 * slow work: parallel attempts cannot all pass the check before the first of them is counted.
 */
export class FailureLimiter {
  private readonly attempts = new Map<string, { at: number }[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts an attempt now, or returns null when the source is at its limit. */
  reserve(source: string, now: number): Reservation | null {
    const list = this.recent(source, now);
    if (list.length >= this.limit) return null;
    if (!this.attempts.has(source) && this.attempts.size >= SWEEP_AT) this.sweep(now);
    const entry = { at: now };
    list.push(entry);
    this.attempts.set(source, list);
    let settled = false;
    return {
      keep: () => void (settled = true),
      release: () => {
        if (settled) return;
        settled = true;
        const current = this.attempts.get(source);
        const index = current?.indexOf(entry) ?? -1;
        if (index >= 0) current!.splice(index, 1);
        if (current && current.length === 0) this.attempts.delete(source);
      },
    };
  }

  private recent(source: string, now: number): { at: number }[] {
    const list = (this.attempts.get(source) ?? []).filter((a) => now - a.at < this.windowMs);
    if (list.length) this.attempts.set(source, list);
    else this.attempts.delete(source);
    return list;
  }

  private sweep(now: number) {
    for (const source of [...this.attempts.keys()]) this.recent(source, now);
  }
}
