import type { Migration } from '../../migrate';

/**
 * The masked forms of an account's PII, kept in clear next to the sealed values (PostgreSQL;
 * see the SQLite 011). Accounts from before this migration keep `doc_masked = ''` until the desk
 * next opens and fills them (the data key is needed). The triggers refuse a sealed value
 * without its mask.
 */
export const accountMasks: Migration = {
  version: 11,
  name: 'account masks',
  async up(tx) {
    await tx.exec(`
      ALTER TABLE accounts ADD COLUMN doc_masked text COLLATE "C" NOT NULL DEFAULT '';
      ALTER TABLE accounts ADD COLUMN mobile_masked text COLLATE "C";
      ALTER TABLE accounts ADD COLUMN email_masked text COLLATE "C";
      -- Empty once every account is masked: finding none left costs one seek when the desk opens.
      CREATE INDEX accounts_unmasked ON accounts(id) WHERE doc_masked = '';

      CREATE TRIGGER accounts_masks_on_insert BEFORE INSERT ON accounts
        FOR EACH ROW WHEN (NEW.doc_masked = '' OR (NEW.mobile_sealed IS NULL) <> (NEW.mobile_masked IS NULL)
          OR (NEW.email_sealed IS NULL) <> (NEW.email_masked IS NULL))
        EXECUTE FUNCTION desk_refuse('an account''s sealed PII needs its masked form');
      CREATE TRIGGER accounts_masks_on_update BEFORE UPDATE OF doc_sealed, doc_masked, mobile_sealed, mobile_masked, email_sealed, email_masked ON accounts
        FOR EACH ROW WHEN (NEW.doc_masked = '' OR (NEW.mobile_sealed IS NULL) <> (NEW.mobile_masked IS NULL)
          OR (NEW.email_sealed IS NULL) <> (NEW.email_masked IS NULL))
        EXECUTE FUNCTION desk_refuse('an account''s sealed PII needs its masked form');
    `);
  },
};
