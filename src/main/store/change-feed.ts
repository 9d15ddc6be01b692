/** What desks cache from the store, each named by what a commit that changes it announces. */
export const TOPICS = ['sessions', 'staff', 'settings', 'clients', 'keys'] as const;
export type Topic = (typeof TOPICS)[number];

export const isTopic = (value: string): value is Topic => (TOPICS as readonly string[]).includes(value);

/**
 * What changed in the store, as this desk's commits and (on PostgreSQL, through LISTEN/NOTIFY)
 * every other desk's commits announce it. A cache keeps what it read only while `version` of
 * its topics stays what it was; while the feed is down (`live` false), changes made elsewhere
 * may go unseen, so `version` is NaN, which equals nothing, and nothing is kept.
 */
export class ChangeFeed {
  private readonly counts = new Map<Topic, number>(TOPICS.map((t) => [t, 0]));
  private readonly listeners = new Set<(topics: readonly Topic[]) => void>();
  private up: boolean;
  private epoch = 0;

  constructor(live: boolean) {
    this.up = live;
  }

  get live(): boolean {
    return this.up;
  }

  version(topics: readonly Topic[]): number {
    if (!this.up) return Number.NaN;
    let sum = this.epoch * 2 ** 32;
    for (const t of topics) sum += this.counts.get(t)!;
    return sum;
  }

  /** A commit, here or at another desk, changed these. */
  changed(topics: readonly Topic[]): void {
    if (!topics.length) return;
    for (const t of topics) this.counts.set(t, this.counts.get(t)! + 1);
    this.emit(topics);
  }

  /** The connection that brings other desks' changes broke: nothing read from now on can be trusted to stay current. */
  lost(): void {
    if (!this.up) return;
    this.up = false;
    this.emit(TOPICS);
  }

  /** Listening again: what was read before or during the gap may have changed unseen. */
  regained(): void {
    if (this.up) return;
    this.epoch += 1;
    this.up = true;
    this.emit(TOPICS);
  }

  subscribe(listener: (topics: readonly Topic[]) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private emit(topics: readonly Topic[]): void {
    for (const listener of this.listeners) listener(topics);
  }
}
