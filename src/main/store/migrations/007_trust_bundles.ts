import type { Migration } from '../migrate';

/**
 * Offline verification: the desks whose bundles this desk trusts (their signing keys' public
 * JWKs, first trusted on an operator's confirmation of the fingerprint) and the bundles imported.
 */
export const trustBundles: Migration = {
  version: 7,
  name: 'trust_bundles',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE trust_bundle_signers (
        kid TEXT PRIMARY KEY,
        jwk TEXT NOT NULL,
        trusted_at TEXT NOT NULL,
        trusted_by TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE trust_bundles (
        id INTEGER PRIMARY KEY,
        signer_kid TEXT NOT NULL REFERENCES trust_bundle_signers(kid),
        made_at TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        bundle TEXT NOT NULL
      );
      CREATE INDEX trust_bundles_latest ON trust_bundles (made_at);
    `);
  },
};
