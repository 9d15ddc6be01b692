import type { Migration } from '../migrate';

/**
 * Search indexes for filtered lookup at a million accounts.
 *
 * A name key carries its account's department, category and status, so that a filtered
 * prefix search checks them on the key row it walks instead of joining every passing key
 * to its account, and a department filter walks only that department's keys. A trigger
 * keeps the copies equal to the account in the same statement, whoever updates it.
 * The table is rebuilt (not altered) so the new columns are NOT NULL and the keys are
 * written once, in key order.
 *
 * Filter-only lists (newest first) get an index per filter ending in the id.
 */
export const searchIndexes: Migration = {
  version: 3,
  name: 'search_indexes',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE account_name_keys_v3 (
        key TEXT NOT NULL,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        department TEXT NOT NULL,
        category TEXT NOT NULL,
        status TEXT NOT NULL,
        PRIMARY KEY (key, account_id)
      ) WITHOUT ROWID;
      INSERT INTO account_name_keys_v3 (key, account_id, department, category, status)
        SELECT k.key, k.account_id, a.department, a.category, a.status
        FROM account_name_keys k JOIN accounts a ON a.id = k.account_id
        ORDER BY k.key, k.account_id;
      DROP TABLE account_name_keys;
      ALTER TABLE account_name_keys_v3 RENAME TO account_name_keys;
      CREATE INDEX account_name_keys_by_account ON account_name_keys(account_id);
      CREATE INDEX account_name_keys_by_department ON account_name_keys(department, key, account_id);

      CREATE TRIGGER account_name_keys_follow_account AFTER UPDATE OF department, category, status ON accounts
        WHEN NEW.department IS NOT OLD.department OR NEW.category IS NOT OLD.category OR NEW.status IS NOT OLD.status
        BEGIN
          UPDATE account_name_keys SET department = NEW.department, category = NEW.category, status = NEW.status
          WHERE account_id = NEW.id;
        END;

      CREATE INDEX accounts_by_department_id ON accounts(department, id);
      CREATE INDEX accounts_by_category_id ON accounts(category, id);
      CREATE INDEX accounts_by_status_id ON accounts(status, id);
    `);
  },
};
