import type { Migration } from '../../migrate';

/**
 * Search indexes for filtered lookup at a million accounts (PostgreSQL; see the SQLite 003).
 *
 * A name key carries its account's department, category and status, kept equal to the
 * account's by a trigger in the same statement. The table is rebuilt, as on SQLite, so the new
 * columns are NOT NULL and the keys are written in key order; its constraints are renamed to
 * what a table created as account_name_keys has.
 */
export const searchIndexes: Migration = {
  version: 3,
  name: 'search_indexes',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE account_name_keys_v3 (
        key text COLLATE "C" NOT NULL,
        account_id bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        department text COLLATE "C" NOT NULL,
        category text COLLATE "C" NOT NULL,
        status text COLLATE "C" NOT NULL,
        PRIMARY KEY (key, account_id)
      );
      INSERT INTO account_name_keys_v3 (key, account_id, department, category, status)
        SELECT k.key, k.account_id, a.department, a.category, a.status
        FROM account_name_keys k JOIN accounts a ON a.id = k.account_id
        ORDER BY k.key, k.account_id;
      DROP TABLE account_name_keys;
      ALTER TABLE account_name_keys_v3 RENAME TO account_name_keys;
      ALTER TABLE account_name_keys RENAME CONSTRAINT account_name_keys_v3_pkey TO account_name_keys_pkey;
      ALTER TABLE account_name_keys RENAME CONSTRAINT account_name_keys_v3_account_id_fkey TO account_name_keys_account_id_fkey;
      CREATE INDEX account_name_keys_by_account ON account_name_keys(account_id);
      CREATE INDEX account_name_keys_by_department ON account_name_keys(department, key, account_id);

      CREATE FUNCTION account_name_keys_follow_account() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE account_name_keys SET department = NEW.department, category = NEW.category, status = NEW.status
        WHERE account_id = NEW.id;
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER account_name_keys_follow_account AFTER UPDATE OF department, category, status ON accounts
        FOR EACH ROW WHEN (NEW.department IS DISTINCT FROM OLD.department OR NEW.category IS DISTINCT FROM OLD.category
          OR NEW.status IS DISTINCT FROM OLD.status)
        EXECUTE FUNCTION account_name_keys_follow_account();

      CREATE INDEX accounts_by_department_id ON accounts(department, id);
      CREATE INDEX accounts_by_category_id ON accounts(category, id);
      CREATE INDEX accounts_by_status_id ON accounts(status, id);
    `);
  },
};
