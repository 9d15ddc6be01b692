import type { Migration } from '../migrate';

/** Keyring, staff, sessions, settings and the append-only audit log. */
export const foundation: Migration = {
  version: 1,
  name: 'foundation',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE keyring (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        protector TEXT NOT NULL,
        wrapped TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE staff (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        must_change_password INTEGER NOT NULL DEFAULT 1,
        totp_secret TEXT,
        totp_pending_secret TEXT,
        totp_last_step INTEGER,
        disabled INTEGER NOT NULL DEFAULT 0,
        disabled_reason TEXT,
        language TEXT NOT NULL DEFAULT 'zh-CN',
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL,
        last_sign_in_at TEXT
      );
      CREATE TRIGGER staff_username_is_permanent BEFORE UPDATE OF username ON staff
        WHEN NEW.username IS NOT OLD.username
        BEGIN SELECT RAISE(ABORT, 'a staff username never changes'); END;

      CREATE TABLE staff_roles (
        staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        PRIMARY KEY (staff_id, role)
      );

      CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
        desk TEXT NOT NULL,
        stage TEXT NOT NULL,
        locked INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        last_activity_at TEXT NOT NULL,
        ended_at TEXT,
        end_reason TEXT
      );
      CREATE INDEX sessions_live_by_staff ON sessions(staff_id) WHERE ended_at IS NULL;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT,
        desk TEXT,
        action TEXT NOT NULL,
        target TEXT,
        outcome TEXT NOT NULL,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX audit_by_at ON audit_log(at);
      CREATE INDEX audit_by_actor ON audit_log(actor, seq);
      CREATE INDEX audit_by_action ON audit_log(action, seq);
      CREATE INDEX audit_by_target ON audit_log(target, seq);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);
  },
};
