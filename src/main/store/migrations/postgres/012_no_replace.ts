import type { Migration } from '../../migrate';

/**
 * Nothing to do on PostgreSQL; the version is kept so both engines count the same migrations.
 *
 * The SQLite 012 guards against `INSERT OR REPLACE` / `REPLACE INTO` / `UPDATE OR REPLACE`,
 * which resolve a UNIQUE conflict by deleting the row in the way without firing its DELETE
 * trigger, so the update and delete triggers of 001-011 could be walked around. PostgreSQL has
 * no REPLACE: a plain INSERT or UPDATE that meets a unique key fails on the constraint, and
 * `INSERT ... ON CONFLICT DO UPDATE` (like MERGE) updates the existing row, firing its BEFORE
 * UPDATE triggers (append-only, decided-is-final, usernames, signing keys, clients), so every
 * invariant those triggers keep holds for it too. No guard there means more than that:
 * each one refuses an insert or update meeting a protected row's unique key, which on
 * PostgreSQL either fails on the key or is an UPDATE the table's own triggers check. (On SQLite
 * the guards also refuse an UPSERT onto a protected row, because a trigger cannot tell it from
 * a REPLACE; on PostgreSQL that UPSERT is checked as the UPDATE it is.)
 *
 * PostgreSQL's own way of deleting without DELETE triggers, TRUNCATE, is refused where the
 * delete triggers are: 001 (audit log) and 009 (application history, decided applications).
 */
export const noReplace: Migration = {
  version: 12,
  name: 'no replace',
  async up() {},
};
