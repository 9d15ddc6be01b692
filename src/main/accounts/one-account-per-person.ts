import { DeskError } from '../../shared/errors';
import { maskUsername } from '../../shared/identity/masking';
import type { AccountRow } from './account-repository';
import type { PiiVault } from './pii-vault';
import type { Repositories } from '../repositories';

/** The account already held by the person with this (normalized) document number, if any. */
export function accountOfDocument(repos: Repositories, vault: PiiVault, documentNumber: string) {
  return repos.accounts.findAccountByDocIndex(vault.index('document', documentNumber));
}

/**
 * Why no new account is opened for a person who has one: sign in or recover it instead
 * (its username masked, z***3), or none at all when it was revoked.
 */
export function existingAccountError(existing: AccountRow, path = 'documentNumber'): DeskError {
  if (existing.status === 'revoked') {
    return new DeskError('CONFLICT', `${path}: the account of this person was revoked; a new one cannot be opened`, {
      params: { reason: 'revoked' },
    });
  }
  const masked = existing.username ? maskUsername(existing.username) : null;
  return new DeskError('CONFLICT', `${path}: an account exists${masked ? `: ${masked}` : ' (not yet activated)'}`, {
    params: { reason: 'account_exists', username: masked ?? '' },
  });
}
