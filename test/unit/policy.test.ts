import { describe, expect, it } from 'vitest';
import { checkStaffPassword } from '../../src/main/operators/password-policy';
import { DeskError } from '../../src/shared/errors';
import { ROLES, covers, isAdmin, permissionsOf } from '../../src/shared/permissions';

function reasonOf(password: string, username = 'alice'): string | null {
  try {
    checkStaffPassword(password, username);
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(DeskError);
    return (err as DeskError).fields![0]!.reason;
  }
}

describe('staff password policy', () => {
  it.each([
    ['short-1A', 'too_short'],
    ['x'.repeat(129), 'too_long'],
    ['my-alice-is-great-99', 'contains_username'],
    ['Password-for-the-desk', 'common_pattern'],
    ['ababababababab', 'too_repetitive'],
  ])('refuses %s (%s)', (password, reason) => {
    expect(reasonOf(password)).toBe(reason);
  });

  it('accepts a long passphrase', () => {
    expect(reasonOf('Minhang counter, window 3!')).toBeNull();
  });
});

describe('roles and permissions', () => {
  it('gives the union of the roles held, in a stable order', () => {
    expect(permissionsOf(['auditor'])).toEqual(['audit.read']);
    expect(permissionsOf(['counter_operator', 'auditor'])).toEqual(['account.view', 'account.register', 'account.unlock', 'counterCode.issue', 'verification.intake', 'audit.read']);
    expect(permissionsOf(['system_admin'])).toHaveLength(ROLES.system_admin.length);
  });

  it('knows who covers whom and which roles are admin roles', () => {
    expect(covers(permissionsOf(['senior_operator']), permissionsOf(['counter_operator']))).toBe(true);
    expect(covers(permissionsOf(['counter_operator']), permissionsOf(['senior_operator']))).toBe(false);
    expect(isAdmin(permissionsOf(['staff_admin']))).toBe(true);
    expect(isAdmin(permissionsOf(['reviewer', 'auditor']))).toBe(false);
  });
});
