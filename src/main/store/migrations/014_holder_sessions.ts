import type { Migration } from '../migrate';

/**
 * Account holders' sign-ins on the end-user pages (the identity-code page now, the account
 * page later), kept on the server so they can be listed and ended: a password reset, a
 * suspension or revocation, and the holder's own sign-out end them. Only the SHA-256 of the
 * cookie's token is stored. Ended and expired rows stay for the holder's recent history.
 */
export const holderSessions: Migration = {
  version: 14,
  name: 'holder sessions',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE holder_sessions (
        id INTEGER PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        expires_at TEXT NOT NULL CHECK (expires_at > created_at),
        source_address TEXT NOT NULL CHECK (length(source_address) <= 64),
        user_agent TEXT NOT NULL CHECK (length(user_agent) <= 120),
        ended_at TEXT,
        end_reason TEXT,
        CHECK ((ended_at IS NULL) = (end_reason IS NULL))
      );
      CREATE INDEX holder_sessions_by_account ON holder_sessions(account_id, created_at);
      CREATE TRIGGER holder_sessions_stay_ended BEFORE UPDATE OF ended_at, end_reason, token_hash, account_id ON holder_sessions
        WHEN OLD.ended_at IS NOT NULL OR NEW.token_hash IS NOT OLD.token_hash OR NEW.account_id IS NOT OLD.account_id
        BEGIN SELECT RAISE(ABORT, 'an ended holder session stays ended; its token and account never change'); END;
    `);
  },
};
