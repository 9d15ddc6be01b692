import { maskDocument, maskEmail, maskMobile } from '../../shared/identity/masking';
import type { Logger } from '../log';
import type { Database } from '../store/database';
import type { PiiVault } from './pii-vault';

const BATCH = 2_000;

type Unmasked = { id: number; doc_sealed: string; mobile_sealed: string | null; email_sealed: string | null };

/**
 * Gives accounts stored before migration 11 their masked forms, which needs the data key, so
 * it runs when the desk opens and before it serves. A batch per transaction, oldest first: a
 * desk stopped half-way carries on where it stopped. Returns how many accounts it masked.
 */
export async function fillAccountMasks(db: Database, vault: PiiVault, log: Logger): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await db.reader.all<Unmasked>(
      `SELECT id, doc_sealed, mobile_sealed, email_sealed FROM accounts WHERE doc_masked = '' ORDER BY id LIMIT ${BATCH}`,
    );
    if (!rows.length) break;
    if (!filled) log.info('accounts.masks.fill', { note: 'masking the accounts of a store from before migration 11, once' });
    const masks = rows.map((r) => [
      r.id,
      maskDocument(vault.open('document', r.doc_sealed)),
      r.mobile_sealed ? maskMobile(vault.open('mobile', r.mobile_sealed)) : null,
      r.email_sealed ? maskEmail(vault.open('email', r.email_sealed)) : null,
    ]);
    await db.write((tx) =>
      tx.run(
        `UPDATE accounts SET doc_masked = m.value ->> 1, mobile_masked = m.value ->> 2, email_masked = m.value ->> 3
         FROM json_each(?) AS m WHERE accounts.id = m.value ->> 0`,
        [JSON.stringify(masks)],
      ),
    );
    filled += rows.length;
  }
  if (filled) log.info('accounts.masks.filled', { accounts: filled });
  return filled;
}
