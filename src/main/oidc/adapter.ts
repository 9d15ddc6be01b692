import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Database } from '../store/database';

interface ModelRow {
  payload: string;
  expires_at: number | null;
  consumed_at: number | null;
}

export interface AdapterSources {
  db: Database;
  /** Client metadata for oidc-provider, from the client registry. */
  findClient(clientId: string): Promise<AdapterPayload | undefined>;
  clock(): Date;
}

const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * oidc-provider's storage in the desk's store: one row per model instance, expiry enforced on
 * read, and nothing of a client that is no longer enabled (disabled or deleted) is found.
 */
export function sqliteAdapter(sources: AdapterSources): new (name: string) => Adapter {
  const { db } = sources;

  async function findWhere(model: string, column: 'id' | 'uid' | 'user_code', value: string) {
    const row = await db.reader.get<ModelRow>(
      `SELECT payload, expires_at, consumed_at FROM oidc_models WHERE model = ? AND ${column} = ?`,
      [model, value],
    );
    if (!row) return undefined;
    if (row.expires_at !== null && row.expires_at <= epoch(sources.clock())) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    // Grants, codes and tokens exist only while their client is issued and enabled, whatever endpoint asks.
    if (typeof payload.clientId === 'string' && !(await sources.findClient(payload.clientId))) return undefined;
    return row.consumed_at === null ? payload : { ...payload, consumed: row.consumed_at };
  }

  return class SqliteAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const expiresAt = expiresIn ? epoch(sources.clock()) + expiresIn : null;
      await db.write((tx) =>
        tx.run(
          `INSERT INTO oidc_models (model, id, payload, grant_id, user_code, uid, expires_at)
           VALUES (?,?,?,?,?,?,?)
           ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
             user_code = excluded.user_code, uid = excluded.uid, expires_at = excluded.expires_at`,
          [this.model, id, JSON.stringify(payload), payload.grantId ?? null, payload.userCode ?? null, payload.uid ?? null, expiresAt],
        ),
      );
    }

    find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') return sources.findClient(id);
      return findWhere(this.model, 'id', id);
    }

    findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return findWhere(this.model, 'uid', uid);
    }

    findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return findWhere(this.model, 'user_code', userCode);
    }

    async consume(id: string): Promise<void> {
      await db.write((tx) =>
        tx.run('UPDATE oidc_models SET consumed_at = ? WHERE model = ? AND id = ?', [epoch(sources.clock()), this.model, id]),
      );
    }

    async destroy(id: string): Promise<void> {
      await db.write((tx) => tx.run('DELETE FROM oidc_models WHERE model = ? AND id = ?', [this.model, id]));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.write((tx) => tx.run('DELETE FROM oidc_models WHERE grant_id = ?', [grantId]));
    }
  };
}
