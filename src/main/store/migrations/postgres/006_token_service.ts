import type { Migration } from '../../migrate';

/**
 * The token service's grants, codes, opaque tokens, sessions and interactions, as
 * oidc-provider's adapter stores them: one row per model instance (PostgreSQL).
 * `expires_at` and `consumed_at` are epoch seconds.
 */
export const tokenService: Migration = {
  version: 6,
  name: 'token_service',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE oidc_models (
        model text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        payload text COLLATE "C" NOT NULL,
        grant_id text COLLATE "C",
        user_code text COLLATE "C",
        uid text COLLATE "C",
        expires_at bigint,
        consumed_at bigint,
        PRIMARY KEY (model, id)
      );
      CREATE INDEX oidc_models_grant ON oidc_models (grant_id) WHERE grant_id IS NOT NULL;
      CREATE INDEX oidc_models_uid ON oidc_models (uid) WHERE uid IS NOT NULL;
      CREATE INDEX oidc_models_user_code ON oidc_models (user_code) WHERE user_code IS NOT NULL;
      CREATE INDEX oidc_models_expiry ON oidc_models (expires_at) WHERE expires_at IS NOT NULL;
    `);
  },
};
