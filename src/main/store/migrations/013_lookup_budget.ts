import type { Migration } from '../migrate';

/**
 * What the security review asked of lookups and sign-in:
 * - `staff_lookup_budgets`: each operator's budget of exact lookups by mobile, email or document
 *   (a token bucket, so checking it costs one row whatever the budget) and the run of lookups
 *   that found nothing, both updated inside the lookup's own transaction;
 * - `sessions.two_step`: whether the session passed two-step verification, without which the
 *   permissions of admin roles do not apply (a role granted mid-session waits for it);
 * - `unknown_staff_lockouts`: failed sign-ins under names that are no staff member's, counted
 *   and locked exactly as a staff member's are, so the answers do not tell the two apart.
 */
export const lookupBudget: Migration = {
  version: 13,
  name: 'lookup budget',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE staff_lookup_budgets (
        staff_id INTEGER PRIMARY KEY REFERENCES staff(id) ON DELETE CASCADE,
        tokens REAL NOT NULL,
        refilled_at TEXT NOT NULL,
        misses INTEGER NOT NULL DEFAULT 0,
        last_miss_at TEXT
      );

      ALTER TABLE sessions ADD COLUMN two_step INTEGER NOT NULL DEFAULT 0;

      CREATE TABLE unknown_staff_lockouts (
        username TEXT PRIMARY KEY,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX unknown_staff_lockouts_by_age ON unknown_staff_lockouts(updated_at);
    `);
  },
};
