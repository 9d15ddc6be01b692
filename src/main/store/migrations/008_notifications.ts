import type { Migration } from '../migrate';

/**
 * The notification outbox: messages to account holders and applicants, written in the same
 * transaction as the change they announce and sent afterwards by an adapter (SMTP, SMS
 * gateway, or the development outbox screen). The recipient and the parameters (which may
 * hold a one-time code) are sealed; the masked recipient is kept for the screen.
 *
 * `next_attempt_at` is when a queued message is due, and for a message being sent the end of
 * its lease: a desk that crashed mid-send leaves it `sending`, and it is taken again after that.
 * `code_expires_at` is when the one-time code in the parameters stops working (not sent after
 * it); `scrubbed_at` is when the code was removed from the parameters.
 *
 * `notification_config` is the one row of delivery settings: adapters and their options as
 * JSON, and the two secrets sealed apart, so that no query of the options can carry them.
 */
export const notifications: Migration = {
  version: 8,
  name: 'notifications',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE notifications (
        id INTEGER PRIMARY KEY,
        channel TEXT NOT NULL CHECK (channel IN ('email','sms')),
        recipient_sealed TEXT NOT NULL,
        recipient_masked TEXT NOT NULL,
        language TEXT NOT NULL CHECK (language IN ('zh-CN','en')),
        template TEXT NOT NULL,
        params_sealed TEXT NOT NULL,
        account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
        subject_ref TEXT,
        status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','sending','sent','failed','cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        adapter TEXT CHECK (adapter IN ('development','smtp','sms-http')),
        code_expires_at TEXT,
        scrubbed_at TEXT,
        created_at TEXT NOT NULL,
        sent_at TEXT
      );
      CREATE INDEX notifications_due ON notifications(next_attempt_at) WHERE status IN ('queued','sending');
      CREATE INDEX notifications_code_expiry ON notifications(code_expires_at) WHERE scrubbed_at IS NULL AND code_expires_at IS NOT NULL;
      CREATE INDEX notifications_by_account ON notifications(account_id, created_at);
      CREATE INDEX notifications_recent ON notifications(created_at);

      CREATE TABLE notification_config (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        options TEXT NOT NULL,
        smtp_password_sealed TEXT,
        sms_api_key_sealed TEXT,
        updated_at TEXT NOT NULL
      );
    `);
  },
};
