import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAuditRows } from '../../src/main/audit/audit-repository';
import type { SessionCarrier } from '../../src/main/rpc/context';
import { type Channel, contract } from '../../src/shared/contract';
import { type Permission, ROLE_NAMES, type Role, permissionsOf } from '../../src/shared/permissions';
import { type TestDesk, cookieJar, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';
import { signedInStaff } from '../support/key-admins';

/**
 * Every role against every channel, through the router with real sign-ins. The probe input
 * is a bare string, which no channel accepts: a caller with the right gets VALIDATION (and
 * nothing runs), a caller without it FORBIDDEN, written to the audit log as denied.
 */

const PROBE = '__probe__';
const channels = Object.keys(contract) as Channel[];
let t: TestDesk;
let admin: SessionCarrier;
const sessions = new Map<Role, SessionCarrier>();

beforeAll(async () => {
  t = await openTestDesk();
  admin = (await signInFirstAdmin(t)).jar;
  for (const role of ROLE_NAMES) sessions.set(role, (await signedInStaff(t, admin, `m.${role.replace(/_/g, '.')}`, [role])).jar);
}, 120_000);
afterAll(async () => t?.close());

const codeOf = async (channel: string, jar: SessionCarrier) => {
  const env = await t.desk.router.call(channel, PROBE, jar);
  return env.ok ? 'OK' : env.error.code;
};

describe('the privilege matrix', () => {
  it.each(ROLE_NAMES)('%s: every channel answers as its permission says', async (role) => {
    const jar = sessions.get(role)!;
    const held = new Set<Permission>(permissionsOf([role]));
    const mismatches: string[] = [];
    let denied = 0;
    for (const channel of channels) {
      const { access } = contract[channel];
      const forbidden = access !== 'public' && access !== 'pending' && access !== 'signed-in' && !held.has(access);
      const code = await codeOf(channel, jar);
      if (forbidden) denied++;
      const expected = forbidden ? 'FORBIDDEN' : 'VALIDATION';
      if (code !== expected) mismatches.push(`${channel} (${access}): ${code}, expected ${expected}`);
    }
    expect(mismatches).toEqual([]);
    const audited = await countAuditRows(t.desk.db.reader, { outcome: 'denied', actor: `m.${role.replace(/_/g, '.')}` });
    expect(audited).toBe(denied);
  });

  it('holds the README\'s boundaries, named', async () => {
    const expectations: [Role, Channel, 'FORBIDDEN' | 'VALIDATION'][] = [
      ['counter_operator', 'accounts.register', 'VALIDATION'],
      ['counter_operator', 'accounts.reveal', 'FORBIDDEN'],
      ['counter_operator', 'accounts.setStatus', 'FORBIDDEN'],
      ['counter_operator', 'keys.generateNext', 'FORBIDDEN'],
      ['counter_operator', 'staff.create', 'FORBIDDEN'],
      ['counter_operator', 'backup.create', 'FORBIDDEN'],
      ['senior_operator', 'accounts.reveal', 'VALIDATION'],
      ['registrar', 'accounts.import', 'VALIDATION'],
      ['registrar', 'accounts.register', 'FORBIDDEN'],
      ['reviewer', 'accounts.register', 'FORBIDDEN'],
      ['key_admin', 'clients.approve', 'FORBIDDEN'],
      ['client_admin', 'keys.promote', 'FORBIDDEN'],
      ['auditor', 'audit.list', 'VALIDATION'],
      ['auditor', 'settings.update', 'FORBIDDEN'],
      ['staff_admin', 'accounts.search', 'FORBIDDEN'],
    ];
    for (const [role, channel, code] of expectations) expect([role, channel, await codeOf(channel, sessions.get(role)!)]).toEqual([role, channel, code]);
  });

  it('refuses every non-public channel to a caller without a session, and writes nothing', async () => {
    const before = await countAuditRows(t.desk.db.reader, {});
    for (const channel of channels) {
      const code = await codeOf(channel, cookieJar());
      expect([channel, code]).toEqual([channel, contract[channel].access === 'public' ? 'VALIDATION' : 'UNAUTHENTICATED']);
    }
    expect(await countAuditRows(t.desk.db.reader, {})).toBe(before);
  });

  it('lets a staff admin grant exactly the roles within their own rights', async () => {
    const staffAdmin = sessions.get('staff_admin')!;
    const own = new Set(permissionsOf(['staff_admin']));
    for (const role of ROLE_NAMES) {
      const env = await t.desk.router.call('staff.create', { username: `g.${role.replace(/_/g, '.')}`, displayName: role, roles: [role] }, staffAdmin);
      const within = permissionsOf([role]).every((p) => own.has(p));
      expect([role, env.ok ? 'granted' : env.error.code]).toEqual([role, within ? 'granted' : 'FORBIDDEN']);
    }
  });
});
