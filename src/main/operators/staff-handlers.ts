import type { staffChannels } from '../../shared/contract/staff';
import { DeskError } from '../../shared/errors';
import { type Role, covers, permissionsOf } from '../../shared/permissions';
import { oneTimePassword } from '../crypto/one-time-password';
import type { PasswordHasher } from '../crypto/password-hash';
import { type CallContext, type Handlers, requireSession } from '../rpc/context';
import {
  type StaffRecord,
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
  const target = await ctx.repos.staff.findStaff({ id });
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
  const staff = toStaffView((await ctx.repos.staff.findStaff({ id })) as StaffRecord, ctx.now);
  return { ...staff, departments: await ctx.repos.departments.departmentsOf(id) };
}

export function staffHandlers(passwordHasher: PasswordHasher): Handlers<keyof typeof staffChannels> {
  return {
    async 'staff.list'(_input, ctx) {
      const departments = await ctx.repos.departments.departmentsByStaff();
      return (await ctx.repos.staff.listStaff()).map((s) => ({ ...toStaffView(s, ctx.now), departments: departments.get(s.id) ?? [] }));
    },

    async 'staff.create'(input, ctx) {
      ctx.audit.target = `staff:${input.username}`;
      ctx.audit.detail.roles = input.roles;
      assertCanGrant(ctx, input.roles);
      if (await ctx.repos.staff.findStaff({ username: input.username })) {
        throw new DeskError('CONFLICT', `username: "${input.username}" is already taken`, {
          fields: [{ path: 'username', reason: 'taken', message: 'is already taken' }],
        });
      }
      const otp = oneTimePassword();
      const id = await ctx.repos.staff.insertStaff(
        { username: input.username, displayName: input.displayName, passwordHash: await passwordHasher.hash(otp), roles: input.roles },
        ctx.now,
      );
      return { staff: await view(ctx, id), oneTimePassword: otp };
    },

    async 'staff.update'(input, ctx) {
      const target = await targetStaff(ctx, input.id);
      if (input.displayName !== undefined) {
        await ctx.repos.staff.setDisplayName(target.id, input.displayName);
      }
      if (input.roles) {
        assertCanGrant(ctx, input.roles);
        ctx.audit.detail.roles = { from: target.roles, to: input.roles };
        await ctx.repos.staff.setRoles(target.id, input.roles);
      }
      if (input.departments) {
        ctx.audit.detail.departments = { from: await ctx.repos.departments.departmentsOf(target.id), to: input.departments };
        await ctx.repos.departments.setDepartments(target.id, input.departments);
      }
      return view(ctx, target.id);
    },

    async 'staff.setDisabled'(input, ctx) {
      const target = await targetStaff(ctx, input.id);
      ctx.audit.detail = { disabled: input.disabled, reason: input.reason };
      await ctx.repos.staff.setDisabled(target.id, input.disabled ? { reason: input.reason } : null);
      if (input.disabled) await ctx.repos.sessions.endSessionsOf(target.id, 'staff disabled', ctx.now);
      return view(ctx, target.id);
    },

    async 'staff.resetPassword'(input, ctx) {
      const target = await targetStaff(ctx, input.id);
      ctx.audit.detail.reason = input.reason;
      const otp = oneTimePassword();
      await ctx.repos.staff.resetPassword(target.id, await passwordHasher.hash(otp));
      await ctx.repos.sessions.endSessionsOf(target.id, 'password reset', ctx.now);
      return { staff: await view(ctx, target.id), oneTimePassword: otp };
    },

    async 'staff.resetTotp'(input, ctx) {
      const target = await targetStaff(ctx, input.id);
      ctx.audit.detail.reason = input.reason;
      await ctx.repos.staff.clearTotp(target.id);
      await ctx.repos.sessions.endSessionsOf(target.id, 'two-step reset', ctx.now);
      return { ok: true as const };
    },
  };
}
