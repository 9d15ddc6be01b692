import os from 'node:os';

/** The queue was full: the caller answers "busy, try again shortly" rather than wait. */
export class PasswordQueueFull extends Error {
  constructor() {
    super('the password queue is full');
    this.name = 'PasswordQueueFull';
  }
}

/**
 * Password work for the end-user pages (scrypt at N=2^17: 128 MiB and a few hundred ms of one
 * core each), a few at a time. scrypt runs on libuv's thread pool, which sqlite3 uses too: left
 * unbounded, a burst of sign-ins fills every thread and the console's queries wait behind it.
 * Tasks beyond `concurrency` wait in line; beyond `maxWaiting`, they are refused at once.
 */
export class PasswordWorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('concurrency must be a whole number of at least 1');
    if (!Number.isInteger(maxWaiting) || maxWaiting < 0) throw new Error('maxWaiting must be a whole number');
  }

  /** One or two at a time: half the cores, leaving the other half and most of the thread pool to everything else. */
  static forThisMachine(): PasswordWorkQueue {
    return new PasswordWorkQueue(Math.max(1, Math.min(2, Math.floor(os.availableParallelism() / 2))), 16);
  }

  get busy(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Runs `task` when a slot is free; rejects with PasswordQueueFull, without running it, when the line is full. */
  run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) return this.start(task);
    if (this.waiting.length >= this.maxWaiting) return Promise.reject(new PasswordQueueFull());
    return new Promise<void>((resolve) => this.waiting.push(resolve)).then(() => this.start(task, true));
  }

  private async start<T>(task: () => Promise<T>, handedOver = false): Promise<T> {
    // A waiting task takes over the slot of the one that finished, so the count never dips in between.
    if (!handedOver) this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
