import type { Account, FindAccount } from 'oidc-provider';
import type { AccountRow } from '../accounts/account-repository';
import type { PiiVault } from '../accounts/pii-vault';
import type { Queryable } from '../store/database';

type ClaimRow = Pick<AccountRow, 'username' | 'real_name' | 'category' | 'number' | 'department' | 'email_sealed' | 'mobile_sealed' | 'status'>;

/**
 * The subject is the jAccount username: it never changes and is never reused. Claims are
 * released per scope by oidc-provider (the `claims` configuration); an account that is no
 * longer active has no claims, so its grants stop working at the next refresh or userinfo call.
 */
export function accountFinder(reader: Queryable, vault: PiiVault): FindAccount {
  return async (_ctx, sub): Promise<Account | undefined> => {
    const row = await reader.get<ClaimRow>(
      `SELECT username, real_name, category, number, department, email_sealed, mobile_sealed, status
       FROM accounts WHERE username = ?`,
      [sub],
    );
    if (!row || row.status !== 'active' || !row.username) return undefined;
    const username = row.username;
    return {
      accountId: username,
      async claims() {
        return {
          sub: username,
          name: row.real_name,
          category: row.category,
          department: row.department,
          jaccount_number: row.number ?? undefined,
          email: row.email_sealed ? vault.open('email', row.email_sealed) : undefined,
          email_verified: row.email_sealed ? true : undefined,
          phone_number: row.mobile_sealed ? vault.open('mobile', row.mobile_sealed) : undefined,
          phone_number_verified: row.mobile_sealed ? true : undefined,
        };
      },
    };
  };
}
