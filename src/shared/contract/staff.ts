import { z } from 'zod';
import { empty, isoTime, language, ok, permission, reason, role, staffUsername } from './common';
import { mutation, query } from './define';

export const staffView = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(role),
  permissions: z.array(permission),
  disabled: z.boolean(),
  disabledReason: z.string().nullable(),
  mustChangePassword: z.boolean(),
  totpEnrolled: z.boolean(),
  language,
  createdAt: isoTime,
  lastSignInAt: isoTime.nullable(),
  lockedUntil: isoTime.nullable(),
  /** The departments (schools) whose verification applications the member reviews. */
  departments: z.array(z.string()).optional(),
});
export type StaffView = z.infer<typeof staffView>;

const displayName = z.string().trim().min(1).max(64);
const staffId = z.number().int().positive();
const roles = z.array(role).min(1).max(8);
const departments = z.array(z.string().trim().min(1).max(64)).max(30);
const withOneTimePassword = z.object({ staff: staffView, oneTimePassword: z.string() });

export const staffChannels = {
  'staff.list': query('staff.manage', empty, z.array(staffView)),
  'staff.create': mutation(
    'staff.manage',
    z.object({ username: staffUsername, displayName, roles }).strict(),
    withOneTimePassword,
  ),
  'staff.update': mutation(
    'staff.manage',
    z.object({ id: staffId, displayName: displayName.optional(), roles: roles.optional(), departments: departments.optional() }).strict(),
    staffView,
  ),
  'staff.setDisabled': mutation(
    'staff.manage',
    z.object({ id: staffId, disabled: z.boolean(), reason }).strict(),
    staffView,
  ),
  'staff.resetPassword': mutation('staff.manage', z.object({ id: staffId, reason }).strict(), withOneTimePassword),
  'staff.resetTotp': mutation('staff.manage', z.object({ id: staffId, reason }).strict(), ok),
};
