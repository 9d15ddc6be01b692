/** Failures per source in a sliding window; in memory, so a restart forgets (the codes themselves carry 60 bits). */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  blocked(source: string, now: number): boolean {
    return this.recent(source, now).length >= this.limit;
  }

  fail(source: string, now: number): void {
    const list = this.recent(source, now);
    list.push(now);
    this.failures.set(source, list);
  }

  private recent(source: string, now: number): number[] {
    const list = (this.failures.get(source) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.failures.set(source, list);
    else this.failures.delete(source);
    return list;
  }
}
