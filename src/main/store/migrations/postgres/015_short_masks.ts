import type { Migration } from '../../migrate';

const STARS = "'******************'";
/**
 * Keeps a stored document mask's last 4 characters (its last one for short documents) and stars
 * the rest, as the SQLite 015 does: `right(x, n)` is SQLite's `substr(x, -n)`, and the star count
 * is floored at 0 where SQLite's `substr(stars, 1, -1)` gives '' (PostgreSQL refuses a negative length).
 */
const lastFourOfDocument = (column: string) =>
  `CASE WHEN length(${column}) >= 8 THEN substr(${STARS}, 1, length(${column}) - 4) || right(${column}, 4)
        ELSE substr(${STARS}, 1, greatest(length(${column}) - 1, 0)) || right(${column}, 1) END`;
/** `138****5678` becomes `*******5678`; other countries' masks (`+44 ****0123`) already show only the country and the last 4. */
const lastFourOfMobile = (column: string) => `CASE WHEN substr(${column}, 1, 1) = '+' THEN ${column} ELSE '*******' || right(${column}, 4) END`;

/**
 * Masks that show only the last 4 characters of a document and of a mobile (PostgreSQL; see the
 * SQLite 015), rewritten from the stored masks. Decided applications are final, so their trigger
 * steps aside for this rewrite only (disabled and enabled again in the migration's transaction,
 * where SQLite drops and recreates it). Audit entries keep what they said: the log is append-only.
 */
export const shortMasks: Migration = {
  version: 15,
  name: 'short masks',
  async up(tx) {
    await tx.exec(`
      UPDATE accounts SET doc_masked = ${lastFourOfDocument('doc_masked')} WHERE doc_masked <> '';
      UPDATE accounts SET mobile_masked = ${lastFourOfMobile('mobile_masked')} WHERE mobile_masked IS NOT NULL;
      UPDATE graduate_registry SET doc_masked = ${lastFourOfDocument('doc_masked')};
      UPDATE notifications SET recipient_masked = ${lastFourOfMobile('recipient_masked')} WHERE channel = 'sms';

      ALTER TABLE verification_applications DISABLE TRIGGER verification_decisions_are_final;
      UPDATE verification_applications SET doc_masked = ${lastFourOfDocument('doc_masked')},
        mobile_masked = CASE WHEN mobile_masked IS NULL THEN NULL ELSE ${lastFourOfMobile('mobile_masked')} END;
      ALTER TABLE verification_applications ENABLE TRIGGER verification_decisions_are_final;
    `);
  },
};
