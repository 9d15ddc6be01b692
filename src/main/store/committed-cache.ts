import type { Topic } from './change-feed';
import type { Database } from './database';

type CommitHooks = Pick<Database, 'onCommit' | 'changes'>;

/**
 * Remembers reads that the token service makes on every request (signing keys, clients), and
 * forgets them exactly when a write that changes them commits: the writes call
 * `forgetAfterCommit()` from inside their transaction, and a commit at another desk on the store
 * that changes the topic reaches it through the change feed. While the feed is down nothing is
 * kept. Entries are re-read after `maxAgeMs` regardless, as a safety net.
 */
export class CommittedCache<K, V> {
  private readonly entries = new Map<K, { value: V; at: number }>();
  private generation = 0;

  constructor(
    private readonly db: CommitHooks,
    topic: Topic,
    private readonly maxAgeMs: number,
  ) {
    db.changes.subscribe((topics) => {
      if (topics.includes(topic)) this.forget();
    });
  }

  async get(key: K, load: () => Promise<V>): Promise<V> {
    if (!this.db.changes.live) return load();
    const hit = this.entries.get(key);
    const now = Date.now();
    if (hit && now - hit.at < this.maxAgeMs) return hit.value;
    const generation = this.generation;
    const value = await load();
    // A write committed while we read: what we read may predate it, so don't keep it.
    if (generation === this.generation) this.entries.set(key, { value, at: now });
    return value;
  }

  forget(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** Call inside the write transaction that changes what is cached. */
  forgetAfterCommit(): void {
    this.db.onCommit(() => this.forget());
  }
}
