import type { Migration } from '../migrate';

/**
 * The masked forms of an account's PII (`310***********123X`, `138****1234`, `z***@sjtu.edu.cn`),
 * kept in clear next to the sealed values, as applications and the outbox already keep theirs:
 * they are what every screen shows, so a page of search results opens nothing. Stores from
 * before this migration are filled once when the desk next opens (the data key is needed);
 * until then `doc_masked` is ''. The triggers refuse a sealed value without its mask.
 */
export const accountMasks: Migration = {
  version: 11,
  name: 'account masks',
  async up(tx) {
    await tx.exec(`
      ALTER TABLE accounts ADD COLUMN doc_masked TEXT NOT NULL DEFAULT '';
      ALTER TABLE accounts ADD COLUMN mobile_masked TEXT;
      ALTER TABLE accounts ADD COLUMN email_masked TEXT;
      -- Empty once every account is masked: finding none left costs one seek when the desk opens.
      CREATE INDEX accounts_unmasked ON accounts(id) WHERE doc_masked = '';

      CREATE TRIGGER accounts_masks_on_insert BEFORE INSERT ON accounts
        WHEN NEW.doc_masked = '' OR (NEW.mobile_sealed IS NULL) <> (NEW.mobile_masked IS NULL)
          OR (NEW.email_sealed IS NULL) <> (NEW.email_masked IS NULL)
        BEGIN SELECT RAISE(ABORT, 'an account''s sealed PII needs its masked form'); END;
      CREATE TRIGGER accounts_masks_on_update BEFORE UPDATE OF doc_sealed, doc_masked, mobile_sealed, mobile_masked, email_sealed, email_masked ON accounts
        WHEN NEW.doc_masked = '' OR (NEW.mobile_sealed IS NULL) <> (NEW.mobile_masked IS NULL)
          OR (NEW.email_sealed IS NULL) <> (NEW.email_masked IS NULL)
        BEGIN SELECT RAISE(ABORT, 'an account''s sealed PII needs its masked form'); END;
    `);
  },
};
