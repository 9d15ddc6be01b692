import type { Migration } from '../migrate';

/**
 * Account recovery. `recovery_codes` holds one-time codes for a password reset, self-service
 * (sent to a bound contact) or issued at the counter, as a keyed hash only; a code is open
 * while `closed_at` is NULL, and at most one per account and purpose is open. `identity_checks`
 * records each in-person document check an operator made: what was seen and whether it matched
 * (never the characters read off the document).
 */
export const recovery: Migration = {
  version: 10,
  name: 'recovery',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE recovery_codes (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        purpose TEXT NOT NULL CHECK (purpose IN ('self_reset','counter_reset')),
        channel TEXT NOT NULL CHECK (channel IN ('email','sms','counter')),
        code_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        issued_by TEXT NOT NULL,
        desk TEXT,
        closed_at TEXT,
        closed_reason TEXT CHECK (closed_reason IN ('used','cancelled','superseded','exhausted','expired'))
      );
      CREATE UNIQUE INDEX recovery_codes_one_open ON recovery_codes(account_id, purpose) WHERE closed_at IS NULL;
      CREATE INDEX recovery_codes_by_account ON recovery_codes(account_id, created_at);

      CREATE TABLE identity_checks (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        operator TEXT NOT NULL,
        desk TEXT NOT NULL,
        document_type TEXT NOT NULL,
        digits_compared INTEGER NOT NULL,
        type_matched INTEGER NOT NULL,
        digits_matched INTEGER NOT NULL,
        matched INTEGER NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX identity_checks_by_account ON identity_checks(account_id, at);
    `);
  },
};
