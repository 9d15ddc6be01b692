import type { Queryable } from '../store/database';

/** The SQL of oidc-provider's storage (oidc_models): one row per model instance, its payload as JSON. */

export interface ModelRow {
  payload: string;
  /** Seconds since the epoch. */
  expires_at: number | null;
  consumed_at: number | null;
}

export type ModelKey = 'id' | 'uid' | 'user_code';

export function findModel(db: Queryable, model: string, by: ModelKey, value: string): Promise<ModelRow | undefined> {
  return db.get<ModelRow>(`SELECT payload, expires_at, consumed_at FROM oidc_models WHERE model = ? AND ${by} = ?`, [model, value]);
}

export async function upsertModel(
  tx: Queryable,
  row: { model: string; id: string; payload: string; grantId: string | null; userCode: string | null; uid: string | null; expiresAt: number | null },
): Promise<void> {
  await tx.run(
    `INSERT INTO oidc_models (model, id, payload, grant_id, user_code, uid, expires_at)
     VALUES (?,?,?,?,?,?,?)
     ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
       user_code = excluded.user_code, uid = excluded.uid, expires_at = excluded.expires_at`,
    [row.model, row.id, row.payload, row.grantId, row.userCode, row.uid, row.expiresAt],
  );
}

export async function consumeModel(tx: Queryable, model: string, id: string, at: number): Promise<void> {
  await tx.run('UPDATE oidc_models SET consumed_at = ? WHERE model = ? AND id = ?', [at, model, id]);
}

export async function deleteModel(tx: Queryable, model: string, id: string): Promise<void> {
  await tx.run('DELETE FROM oidc_models WHERE model = ? AND id = ?', [model, id]);
}

/** Everything stored under one grant, whatever its model. */
export async function deleteModelsOfGrant(tx: Queryable, grantId: string): Promise<void> {
  await tx.run('DELETE FROM oidc_models WHERE grant_id = ?', [grantId]);
}
