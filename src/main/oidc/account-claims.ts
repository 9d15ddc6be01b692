import type { Account, FindAccount } from 'oidc-provider';
import type { PiiVault } from '../accounts/pii-vault';
import type { Repositories } from '../repositories';

/**
 * The subject is the jAccount username: it never changes and is never reused. Claims are
 * released per scope by oidc-provider (the `claims` configuration); an account that is no
 * longer active has no claims, so its grants stop working at the next refresh or userinfo call.
 */
export function accountFinder(repos: Repositories, vault: PiiVault): FindAccount {
  return async (_ctx, sub): Promise<Account | undefined> => {
    const account = await repos.accounts.findAccountByUsername(sub);
    if (!account || account.status !== 'active' || !account.username) return undefined;
    const username = account.username;
    // Only what the claims need is kept for later calls, not the whole row.
    const { real_name, category, department, number, email_sealed, mobile_sealed } = account;
    return {
      accountId: username,
      async claims() {
        return {
          sub: username,
          name: real_name,
          category,
          department,
          jaccount_number: number ?? undefined,
          email: email_sealed ? vault.open('email', email_sealed) : undefined,
          email_verified: email_sealed ? true : undefined,
          phone_number: mobile_sealed ? vault.open('mobile', mobile_sealed) : undefined,
          phone_number_verified: mobile_sealed ? true : undefined,
        };
      },
    };
  };
}
