import { maskDocument, maskEmail, maskMobile } from '../../shared/identity/masking';
import type { Logger } from '../log';
import type { PiiVault } from './pii-vault';
import type { Store } from '../repositories';

const BATCH = 2_000;

/**
 * Gives accounts stored before migration 11 their masked forms, which needs the data key, so
 * it runs when the desk opens and before it serves. A batch per transaction, oldest first: a
 * desk stopped half-way carries on where it stopped. Returns how many accounts it masked.
 */
export async function fillAccountMasks(store: Store, vault: PiiVault, log: Logger): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await store.reads.accounts.findUnmaskedAccounts(BATCH);
    if (!rows.length) break;
    if (!filled) log.info('accounts.masks.fill', { note: 'masking the accounts of a store from before migration 11, once' });
    const masks = rows.map((r) => [
      r.id,
      maskDocument(vault.open('document', r.doc_sealed)),
      r.mobile_sealed ? maskMobile(vault.open('mobile', r.mobile_sealed)) : null,
      r.email_sealed ? maskEmail(vault.open('email', r.email_sealed)) : null,
    ] as const);
    await store.write((repos) => repos.accounts.writeAccountMasks(masks));
    filled += rows.length;
  }
  if (filled) log.info('accounts.masks.filled', { accounts: filled });
  return filled;
}
