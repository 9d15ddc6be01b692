import type { ChangeFeed, Topic } from './change-feed';
import type { Queryable } from './database';

/** How an engine opens, ends and abandons one write transaction. */
export interface Transactor {
  /** Begins a transaction and gives the connection its statements run on. */
  begin(): Promise<Queryable>;
  commit(tx: Queryable): Promise<void>;
  rollback(tx: Queryable): Promise<void>;
  /** Runs statements that must stay outside a transaction (PRAGMA, VACUUM) on a writing connection. */
  direct<T>(work: (conn: Queryable) => Promise<T>): Promise<T>;
}

/**
 * This process's writes, one at a time: transactions never interleave, so a read taken before a
 * write can be trusted until `writeCount` moves, and commit hooks run before the caller resumes.
 */
export class WriteQueue {
  private queue: Promise<unknown> = Promise.resolve();
  private inWrite = false;
  private commitHooks: (() => void)[] = [];
  private finished = 0;
  private commits = 0;

  constructor(
    private readonly transactor: Transactor,
    private readonly feed: ChangeFeed,
  ) {}

  get writeCount(): number {
    return this.finished;
  }

  get commitCount(): number {
    return this.commits;
  }

  write<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      const tx = await this.transactor.begin();
      const topics = new Set<Topic>();
      tx.announce = (topic) => void topics.add(topic);
      this.inWrite = true;
      try {
        const result = await work(tx);
        await this.transactor.commit(tx);
        this.commits++;
        this.feed.changed([...topics]);
        for (const hook of this.commitHooks) hook();
        return result;
      } catch (err) {
        await this.transactor.rollback(tx).catch(() => undefined);
        throw err;
      } finally {
        delete tx.announce;
        this.inWrite = false;
        this.commitHooks = [];
      }
    });
  }

  onCommit(hook: () => void): void {
    if (this.inWrite) this.commitHooks.push(hook);
    else hook();
  }

  raw<T>(work: (conn: Queryable) => Promise<T>): Promise<T> {
    return this.enqueue(() => this.transactor.direct(work));
  }

  /** Resolves once every write queued so far has finished. */
  async drained(): Promise<void> {
    await this.queue;
  }

  private enqueue<T>(step: () => Promise<T>): Promise<T> {
    const run = () => step().finally(() => this.finished++);
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** What both engines' databases share: every write goes through this process's queue. */
export abstract class QueuedDatabase {
  protected readonly writes: WriteQueue;

  protected constructor(
    transactor: Transactor,
    readonly changes: ChangeFeed,
  ) {
    this.writes = new WriteQueue(transactor, changes);
  }

  get writeCount(): number {
    return this.writes.writeCount;
  }

  get commitCount(): number {
    return this.writes.commitCount;
  }

  write<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.writes.write(work);
  }

  onCommit(hook: () => void): void {
    this.writes.onCommit(hook);
  }

  raw<T>(work: (conn: Queryable) => Promise<T>): Promise<T> {
    return this.writes.raw(work);
  }
}
