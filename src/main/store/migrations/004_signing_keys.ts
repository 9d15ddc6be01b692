import type { Migration } from '../migrate';

/**
 * Signing keys of the token service (private keys sealed as PKCS#8 under the data key),
 * emergency revocation requests awaiting a second admin, and the rotation schedule.
 */
export const signingKeys: Migration = {
  version: 4,
  name: 'signing_keys',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE signing_keys (
        kid TEXT PRIMARY KEY,
        alg TEXT NOT NULL CHECK (alg IN ('RS256', 'EdDSA')),
        size INTEGER CHECK (size IS NULL OR size IN (2048, 3072)),
        curve TEXT CHECK (curve IS NULL OR curve = 'Ed25519'),
        fingerprint TEXT NOT NULL,
        certificate TEXT NOT NULL,
        private_key_sealed TEXT,
        state TEXT NOT NULL CHECK (state IN ('next', 'active', 'retired', 'removed', 'revoked')),
        origin TEXT NOT NULL CHECK (origin IN ('generated', 'restored')),
        created_at TEXT NOT NULL,
        published_at TEXT NOT NULL,
        activated_at TEXT,
        retired_at TEXT,
        revoked_at TEXT,
        removed_at TEXT,
        revocation_reason TEXT,
        CHECK ((alg = 'RS256' AND size IS NOT NULL AND curve IS NULL) OR (alg = 'EdDSA' AND size IS NULL AND curve IS NOT NULL)),
        -- A key that can still be published keeps its private key; removed and revoked keys never do.
        CHECK ((state IN ('next', 'active', 'retired')) = (private_key_sealed IS NOT NULL))
      );
      CREATE UNIQUE INDEX signing_keys_one_active_per_alg ON signing_keys(alg) WHERE state = 'active';
      CREATE UNIQUE INDEX signing_keys_one_next_per_alg ON signing_keys(alg) WHERE state = 'next';
      CREATE TRIGGER signing_keys_final_states BEFORE UPDATE OF state ON signing_keys
        WHEN OLD.state IN ('removed', 'revoked') AND NEW.state IS NOT OLD.state
        BEGIN SELECT RAISE(ABORT, 'a removed or revoked signing key never comes back'); END;
      CREATE TRIGGER signing_keys_identity_is_permanent BEFORE UPDATE OF kid, alg, fingerprint, certificate ON signing_keys
        BEGIN SELECT RAISE(ABORT, 'a signing key''s kid, algorithm and certificate never change'); END;

      CREATE TABLE signing_key_revocations (
        id INTEGER PRIMARY KEY,
        kid TEXT NOT NULL REFERENCES signing_keys(kid),
        reason TEXT NOT NULL,
        requested_by INTEGER NOT NULL REFERENCES staff(id),
        requested_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'cancelled', 'expired')),
        decided_by INTEGER REFERENCES staff(id),
        decided_at TEXT,
        CHECK (status <> 'confirmed' OR decided_by IS NOT requested_by)
      );
      CREATE UNIQUE INDEX signing_key_revocations_one_pending ON signing_key_revocations(kid) WHERE status = 'pending';

      CREATE TABLE signing_key_schedule (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        rotation_days INTEGER NOT NULL CHECK (rotation_days BETWEEN 0 AND 365),
        updated_at TEXT,
        updated_by TEXT
      );
      INSERT INTO signing_key_schedule (id, rotation_days) VALUES (1, 0);
    `);
  },
};
