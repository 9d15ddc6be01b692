import type { Migration } from '../migrate';

/**
 * The token service's grants, codes, opaque tokens, sessions and interactions, as
 * oidc-provider's adapter stores them: one row per model instance. JWT access tokens are
 * self-contained and not stored.
 */
export const tokenService: Migration = {
  version: 6,
  name: 'token_service',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE oidc_models (
        model TEXT NOT NULL,
        id TEXT NOT NULL,
        payload TEXT NOT NULL,
        grant_id TEXT,
        user_code TEXT,
        uid TEXT,
        expires_at INTEGER,
        consumed_at INTEGER,
        PRIMARY KEY (model, id)
      ) WITHOUT ROWID;
      CREATE INDEX oidc_models_grant ON oidc_models (grant_id) WHERE grant_id IS NOT NULL;
      CREATE INDEX oidc_models_uid ON oidc_models (uid) WHERE uid IS NOT NULL;
      CREATE INDEX oidc_models_user_code ON oidc_models (user_code) WHERE user_code IS NOT NULL;
      CREATE INDEX oidc_models_expiry ON oidc_models (expires_at) WHERE expires_at IS NOT NULL;
    `);
  },
};
