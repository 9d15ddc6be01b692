import type { Migration } from '../../migrate';

/** What desks cache, by table: the topics of ../../change-feed.ts. */
const WATCHED: Record<string, string> = {
  sessions: 'sessions',
  staff: 'staff',
  staff_roles: 'staff',
  staff_departments: 'staff',
  settings: 'settings',
  clients: 'clients',
  client_secrets: 'clients',
  signing_keys: 'keys',
  signing_key_schedule: 'keys',
  signing_key_revocations: 'keys',
};

/**
 * The change feed: a statement that changes a table some desk caches from tells every desk
 * LISTENing on `desk_changes` (postgres-listener.ts) which topic changed, from whatever client it
 * came (another desk, psql, a restore). NOTIFY is transactional: delivered when the transaction
 * commits, never for one that rolls back, and once per transaction for the same topic.
 */
export const changeFeed: Migration = {
  version: 16,
  name: 'change feed',
  async up(tx) {
    await tx.exec(`
      CREATE OR REPLACE FUNCTION desk_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('desk_changes', TG_ARGV[0]);
        RETURN NULL;
      END $$;
      ${Object.entries(WATCHED)
        .map(([table, topic]) => `CREATE OR REPLACE TRIGGER ${table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION desk_changed('${topic}');`)
        .join('\n      ')}
    `);
  },
};
