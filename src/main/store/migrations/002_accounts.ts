import type { Migration } from '../migrate';

/**
 * The jAccount registry. PII columns hold sealed values (`*_sealed`) and a keyed blind
 * index (`*_index`, HMAC-SHA-256) for exact lookup; names get search keys (pinyin, initials).
 */
export const accounts: Migration = {
  version: 2,
  name: 'accounts',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        username TEXT UNIQUE COLLATE NOCASE,
        real_name TEXT NOT NULL,
        category TEXT NOT NULL CHECK (category IN ('undergraduate','postgraduate','faculty','staff','alumni','visiting')),
        number TEXT UNIQUE,
        department TEXT NOT NULL,
        doc_type TEXT NOT NULL,
        doc_sealed TEXT NOT NULL,
        doc_index TEXT NOT NULL UNIQUE,
        mobile_sealed TEXT,
        mobile_index TEXT,
        email_sealed TEXT,
        email_index TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending','active','suspended','revoked')),
        status_reason TEXT,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        password_hash TEXT,
        password_changed_at TEXT,
        password_expires_at TEXT,
        activation_sent_at TEXT,
        activation_channel TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX accounts_by_mobile ON accounts(mobile_index) WHERE mobile_index IS NOT NULL;
      CREATE INDEX accounts_by_email ON accounts(email_index) WHERE email_index IS NOT NULL;
      CREATE INDEX accounts_by_department ON accounts(department, category, status);
      CREATE TRIGGER accounts_username_is_permanent BEFORE UPDATE OF username ON accounts
        WHEN OLD.username IS NOT NULL AND NEW.username IS NOT OLD.username
        BEGIN SELECT RAISE(ABORT, 'a jAccount username never changes'); END;

      CREATE TABLE account_name_keys (
        key TEXT NOT NULL,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        PRIMARY KEY (key, account_id)
      ) WITHOUT ROWID;
      CREATE INDEX account_name_keys_by_account ON account_name_keys(account_id);

      CREATE TABLE account_status_events (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        from_status TEXT,
        to_status TEXT NOT NULL,
        reason TEXT NOT NULL,
        actor TEXT NOT NULL
      );
      CREATE INDEX account_status_events_by_account ON account_status_events(account_id, at);

      CREATE TABLE account_sign_in_attempts (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        outcome TEXT NOT NULL,
        source TEXT NOT NULL
      );
      CREATE INDEX account_sign_in_attempts_by_account ON account_sign_in_attempts(account_id, at);

      CREATE TABLE activation_codes (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        code_hash TEXT NOT NULL UNIQUE,
        purpose TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        issued_by TEXT NOT NULL
      );
      CREATE INDEX activation_codes_open ON activation_codes(account_id) WHERE used_at IS NULL;

      CREATE TABLE import_batches (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        encoding TEXT NOT NULL,
        rows_total INTEGER NOT NULL,
        rows_created INTEGER NOT NULL,
        rows_updated INTEGER NOT NULL,
        rows_unchanged INTEGER NOT NULL,
        rows_rejected INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL
      );
    `);
  },
};
