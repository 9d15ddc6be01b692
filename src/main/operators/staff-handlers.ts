import type { staffChannels } from '../../shared/contract/staff';
import { DeskError } from '../../shared/errors';
import { type Role, covers, permissionsOf } from '../../shared/permissions';
import { oneTimePassword } from '../crypto/one-time-password';
import type { PasswordHasher } from '../crypto/password-hash';
import { type CallContext, type Handlers, requireSession } from '../rpc/context';
import { departmentsByStaff, departmentsOf, setDepartments } from '../verification/staff-department-repository';
import { endSessionsOf } from './session-repository';
import {
  type StaffRecord,
  clearTotp,
  findStaff,
  insertStaff,
  listStaff,
  resetPassword,
  setDisabled,
  setDisplayName,
  setRoles,
  toStaffView,
} from './staff-repository';

/** Nobody grants a permission they do not hold. */
function assertCanGrant(ctx: CallContext, roles: readonly Role[]) {
  const held = requireSession(ctx).permissions;
  const beyond = roles.filter((r) => !covers(held, permissionsOf([r])));
  if (beyond.length) {
    throw new DeskError('FORBIDDEN', `roles: you cannot grant ${beyond.join(', ')}: it carries permissions you do not hold`, {
      fields: [{ path: 'roles', reason: 'beyond_own_rights', message: `cannot grant ${beyond.join(', ')}` }],
    });
  }
}

/** Nobody acts on a staff member with more rights than their own, nor on themselves here. */
async function targetStaff(ctx: CallContext, id: number): Promise<StaffRecord> {
  const session = requireSession(ctx);
  const target = await findStaff(ctx.db, { id });
  if (!target) throw new DeskError('NOT_FOUND', `id: no staff member with id ${id}`);
  ctx.audit.target = `staff:${target.username}`;
  if (target.id === session.staff.id) {
    throw new DeskError('FORBIDDEN', 'id: use your own settings page for your account; admins cannot change their own rights here');
  }
  if (!covers(session.permissions, permissionsOf(target.roles))) {
    throw new DeskError('FORBIDDEN', `id: ${target.username} holds rights you do not have`);
  }
  return target;
}

async function view(ctx: CallContext, id: number) {
  const staff = toStaffView((await findStaff(ctx.db, { id })) as StaffRecord, ctx.now);
  return { ...staff, departments: await departmentsOf(ctx.db, id) };
}

export function staffHandlers(passwordHasher: PasswordHasher): Handlers<keyof typeof staffChannels> {
  return {
    async 'staff.list'(_input, ctx) {
      const departments = await departmentsByStaff(ctx.db);
      return (await listStaff(ctx.db)).map((s) => ({ ...toStaffView(s, ctx.now), departments: departments.get(s.id) ?? [] }));
    },

    async 'staff.create'(input, ctx) {
      ctx.audit.target = `staff:${input.username}`;
      ctx.audit.detail.roles = input.roles;
      assertCanGrant(ctx, input.roles);
      if (await findStaff(ctx.db, { username: input.username })) {
        throw new DeskError('CONFLICT', `username: "${input.username}" is already taken`, {
          fields: [{ path: 'username', reason: 'taken', message: 'is already taken' }],
        });
      }
      const otp = oneTimePassword();
      const id = await insertStaff(
        ctx.db,
        { username: input.username, displayName: input.displayName, passwordHash: await passwordHasher.hash(otp), roles: input.roles },
        ctx.now,
      );
      return { staff: await view(ctx, id), oneTimePassword: otp };
    },

    async 'staff.update'(input, ctx) {
      const target = await targetStaff(ctx, input.id);
      if (input.displayName !== undefined) {
        await setDisplayName(ctx.db, target.id, input.displayName);
      }
      if (input.roles) {
        assertCanGrant(ctx, input.roles);
        ctx.audit.detail.roles = { from: target.roles, to: input.roles };
        await setRoles(ctx.db, target.id, input.roles);
      }
      if (input.departments) {
        ctx.audit.detail.departments = { from: await departmentsOf(ctx.db, target.id), to: input.departments };
        await setDepartments(ctx.db, target.id, input.departments);
      }
      return view(ctx, target.id);
    },

    async 'staff.setDisabled'(input, ctx) {
      const target = await targetStaff(ctx, input.id);
      ctx.audit.detail = { disabled: input.disabled, reason: input.reason };
      await setDisabled(ctx.db, target.id, input.disabled ? { reason: input.reason } : null);
      if (input.disabled) await endSessionsOf(ctx.db, target.id, 'staff disabled', ctx.now);
      return view(ctx, target.id);
    },

    async 'staff.resetPassword'(input, ctx) {
      const target = await targetStaff(ctx, input.id);
      ctx.audit.detail.reason = input.reason;
      const otp = oneTimePassword();
      await resetPassword(ctx.db, target.id, await passwordHasher.hash(otp));
      await endSessionsOf(ctx.db, target.id, 'password reset', ctx.now);
      return { staff: await view(ctx, target.id), oneTimePassword: otp };
    },

    async 'staff.resetTotp'(input, ctx) {
      const target = await targetStaff(ctx, input.id);
      ctx.audit.detail.reason = input.reason;
      await clearTotp(ctx.db, target.id);
      await endSessionsOf(ctx.db, target.id, 'two-step reset', ctx.now);
      return { ok: true as const };
    },
  };
}
