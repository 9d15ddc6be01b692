import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { ModelKey } from './oidc-model-repository';
import type { Store } from '../repositories';

export interface AdapterSources {
  store: Store;
  /** Client metadata for oidc-provider, from the client registry. */
  findClient(clientId: string): Promise<AdapterPayload | undefined>;
  clock(): Date;
}

const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * oidc-provider's storage in the desk's store: one row per model instance, expiry enforced on
 * read, and nothing of a client that is no longer enabled (disabled or deleted) is found.
 */
export function storeAdapter(sources: AdapterSources): new (name: string) => Adapter {
  const { store: db } = sources;

  async function findWhere(model: string, column: ModelKey, value: string) {
    const row = await db.reads.oidcModels.findModel(model, column, value);
    if (!row) return undefined;
    if (row.expires_at !== null && row.expires_at <= epoch(sources.clock())) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    // Grants, codes and tokens exist only while their client is issued and enabled, whatever endpoint asks.
    if (typeof payload.clientId === 'string' && !(await sources.findClient(payload.clientId))) return undefined;
    return row.consumed_at === null ? payload : { ...payload, consumed: row.consumed_at };
  }

  return class StoreAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const expiresAt = expiresIn ? epoch(sources.clock()) + expiresIn : null;
      await db.write((repos) =>
        repos.oidcModels.upsertModel({
          model: this.model,
          id,
          payload: JSON.stringify(payload),
          grantId: payload.grantId ?? null,
          userCode: payload.userCode ?? null,
          uid: payload.uid ?? null,
          expiresAt,
        }),
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
      await db.write((repos) => repos.oidcModels.consumeModel(this.model, id, epoch(sources.clock())));
    }

    async destroy(id: string): Promise<void> {
      await db.write((repos) => repos.oidcModels.deleteModel(this.model, id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.write((repos) => repos.oidcModels.deleteModelsOfGrant(grantId));
    }
  };
}
