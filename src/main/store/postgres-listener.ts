import pg from 'pg';
import { type ChangeFeed, isTopic } from './change-feed';

const CHANNEL = 'desk_changes';

/**
 * Keeps one connection LISTENing to what is committed to the store's cached tables (migration
 * 016's triggers notify, whoever wrote), and tells the feed, and when the connection is lost and
 * when it is back. A desk hears its own commits too; it has already counted them at commit.
 */
export class PostgresListener {
  private client: pg.Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly connectionString: string,
    private readonly feed: ChangeFeed,
    private readonly retryMs = 1_000,
  ) {}

  /** Listens, or keeps trying to in the background: until it does, the feed says it is down. */
  async start(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'jaccount-desk-feed' });
    let gone = false;
    const drop = () => {
      if (gone) return;
      gone = true;
      if (this.client === client) this.client = null;
      client.end().catch(() => undefined);
      this.feed.lost();
      if (!this.stopped) {
        this.retry = setTimeout(() => void this.start(), this.retryMs);
        this.retry.unref();
      }
    };
    client.on('notification', (message) => this.receive(message.payload));
    client.on('error', drop);
    client.on('end', drop);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch {
      drop();
      return;
    }
    if (this.stopped) {
      gone = true;
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.feed.regained();
  }

  private receive(payload: string | undefined): void {
    if (payload && isTopic(payload)) this.feed.changed([payload]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
