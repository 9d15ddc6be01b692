import type { Migration } from '../../migrate';

/**
 * Lookup budgets per operator, two-step sessions, and lockouts of unknown staff names
 * (PostgreSQL; see the SQLite 013). `staff_lookup_budgets.staff_id` is the staff member's id,
 * always given, so it is a plain key here, not an identity.
 */
export const lookupBudget: Migration = {
  version: 13,
  name: 'lookup budget',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE staff_lookup_budgets (
        staff_id bigint PRIMARY KEY REFERENCES staff(id) ON DELETE CASCADE,
        tokens double precision NOT NULL,
        refilled_at text COLLATE "C" NOT NULL,
        misses bigint NOT NULL DEFAULT 0,
        last_miss_at text COLLATE "C"
      );

      ALTER TABLE sessions ADD COLUMN two_step bigint NOT NULL DEFAULT 0;

      CREATE TABLE unknown_staff_lockouts (
        username text COLLATE "C" PRIMARY KEY,
        failed_attempts bigint NOT NULL DEFAULT 0,
        locked_until text COLLATE "C",
        updated_at text COLLATE "C" NOT NULL
      );
      CREATE INDEX unknown_staff_lockouts_by_age ON unknown_staff_lockouts(updated_at);
    `);
  },
};
