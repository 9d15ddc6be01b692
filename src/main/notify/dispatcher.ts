import type { DataKey } from '../crypto/data-key';
import type { Logger } from '../log';
import { type NotificationAdapter, type OutgoingMessage, type SendResult, safeErrorText } from './adapter';
import { MAX_ATTEMPTS, retryDelayMs } from './backoff';
import { adaptersFor } from './adapters';
import { readNotifyConfig } from './notify-config';
import {
  CODE_PARAM,
  CODE_TEMPLATES,
  type TemplateParams,
  onEnqueued,
  openNotificationParams,
  openNotificationRecipient,
  scrubCode,
} from './outbox';
import {
  type NotificationRow
} from './outbox-repository';
import { isTemplate, renderMessage } from './templates';
import type { Store } from '../repositories';

export interface DispatcherOptions {
  store: Store;
  dataKey: DataKey;
  log: Logger;
  clock: () => Date;
  /** How often due messages (retries) are looked for; a commit that queues one wakes the dispatcher at once. */
  pollMs?: number;
  /** How long a message may stay `sending` before it counts as abandoned by a stopped desk and is taken again. */
  leaseMs?: number;
  batch?: number;
  random?: () => number;
  /** The adapters per channel; by default built from the saved settings on every pass. */
  adapters?: (config: Awaited<ReturnType<typeof readNotifyConfig>>) => Record<'email' | 'sms', NotificationAdapter>;
}

export const DEFAULT_POLL_MS = 10_000;
export const DEFAULT_LEASE_MS = 5 * 60_000;

/**
 * Sends the outbox: takes due messages atomically, sends each through its channel's adapter,
 * then marks it sent, schedules a retry with backoff, or fails it. Codes are never sent after
 * they expire, and are scrubbed once a real adapter delivered them. Logs carry ids, never
 * recipients or codes.
 */
export class Dispatcher {
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly batch: number;
  private readonly random: () => number;
  private readonly buildAdapters: NonNullable<DispatcherOptions['adapters']>;
  private queue: Promise<unknown> = Promise.resolve();
  private scheduled = false;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly options: DispatcherOptions) {
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.batch = options.batch ?? 20;
    this.random = options.random ?? Math.random;
    this.buildAdapters = options.adapters ?? adaptersFor;
  }

  start(): void {
    this.stopped = false;
    this.unsubscribe = onEnqueued(() => this.options.store.onCommit(() => this.wake()));
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** Stops taking messages and waits for the pass in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.queue;
  }

  /** Asks for a pass soon; passes never overlap, and wakes during one fold into one more. */
  wake(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.runPass().catch((err: unknown) => this.options.log.error('notify.pass-failed', { error: err }));
    });
  }

  /** One pass, after any in progress: expire codes, then send what is due. Resolves to how many sends were tried. */
  runPass(): Promise<number> {
    const next = this.queue.then(() => (this.stopped ? 0 : this.pass()));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async pass(): Promise<number> {
    const { store: db, dataKey, clock } = this.options;
    await this.expire(clock());
    const config = await readNotifyConfig(db.reads, dataKey);
    const adapters = this.buildAdapters(config);
    let tried = 0;
    for (;;) {
      if (!(await db.reads.outbox.anyDue(clock()))) return tried;
      const claimed = await db.write((repos) => repos.outbox.claimDue(clock(), this.leaseMs, this.batch));
      for (const row of claimed) {
        if (this.stopped) break;
        await this.deliver(row, adapters[row.channel]);
        tried++;
      }
      if (claimed.length < this.batch || this.stopped) return tried;
    }
  }

  /** Codes past their expiry: unsent messages are cancelled, the others lose the code; sends abandoned with no attempt left fail. */
  private async expire(now: Date): Promise<void> {
    const { store: db, dataKey } = this.options;
    const [expired, abandoned] = await Promise.all([db.reads.outbox.findExpiredCodes(now), db.reads.outbox.findAbandoned(now)]);
    if (expired.length === 0 && abandoned.length === 0) return;
    await db.write(async (repos) => {
      for (const row of expired) {
        await scrubCode(repos, dataKey, row, now);
        await repos.outbox.cancelExpiredUndelivered(row.id);
      }
      for (const row of abandoned) await repos.outbox.failAbandoned(row.id);
    });
  }

  private async deliver(row: NotificationRow, adapter: NotificationAdapter): Promise<void> {
    const { store: db, dataKey, clock, log } = this.options;
    let params: Record<string, string> = {};
    let result: SendResult;
    try {
      params = openNotificationParams(dataKey, row.params_sealed);
      result = await adapter.send(this.outgoing(row, params));
    } catch (err) {
      log.error('notify.send-crashed', { id: row.id, adapter: adapter.name, error: err instanceof Error ? err.name : 'error' });
      result = { outcome: 'permanent', error: 'the message could not be prepared' };
    }
    const now = clock();
    const error = result.outcome === 'sent' ? null : safeErrorText(result.error, [params[CODE_PARAM]]);
    const retry = result.outcome === 'retry' && row.attempts < MAX_ATTEMPTS;
    await db.write(async (repos) => {
      const recorded = await repos.outbox.recordOutcome(row.id, {
        status: result.outcome === 'sent' ? 'sent' : retry ? 'queued' : 'failed',
        adapter: adapter.name,
        error,
        nextAttemptAt: retry ? new Date(now.getTime() + retryDelayMs(row.attempts, this.random)).toISOString() : undefined,
        sentAt: result.outcome === 'sent' ? now.toISOString() : undefined,
      });
      // A real recipient has the code now: the outbox keeps nothing secret. The development outbox keeps it until it expires.
      if (recorded && result.outcome === 'sent' && adapter.name !== 'development' && CODE_TEMPLATES.has(row.template)) {
        await scrubCode(repos, dataKey, (await repos.outbox.findNotification(row.id))!, now);
      }
    });
    log.info('notify.attempt', { id: row.id, template: row.template, adapter: adapter.name, outcome: result.outcome, attempt: row.attempts });
  }

  private outgoing(row: NotificationRow, params: Record<string, string>): OutgoingMessage {
    if (!isTemplate(row.template)) throw new Error('unknown template');
    const rendered = renderMessage(row.template, row.language, row.channel, params as unknown as TemplateParams[typeof row.template]);
    const to = openNotificationRecipient(this.options.dataKey, row.recipient_sealed);
    return { channel: row.channel, to, language: row.language, ...rendered };
  }
}
