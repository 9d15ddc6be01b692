/** One permission per operator action, so a desk can be given exactly the rights it needs. */
export const PERMISSIONS = [
  'account.view',
  'account.register',
  'account.manage',
  'account.import',
  'pii.reveal',
  'account.unlock',
  'counterCode.issue',
  'verification.intake',
  'verification.review',
  'registry.import',
  'calendar.manage',
  'outbox.view',
  'clients.manage',
  'keys.manage',
  'audit.read',
  'staff.manage',
  'settings.manage',
  'backup.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Built-in roles: named bundles of permissions. A staff member holds the union of their roles. */
export const ROLES = {
  system_admin: [...PERMISSIONS],
  staff_admin: ['staff.manage', 'audit.read'],
  counter_operator: ['account.view', 'account.register', 'account.unlock', 'counterCode.issue', 'verification.intake'],
  senior_operator: ['account.view', 'account.register', 'account.manage', 'pii.reveal', 'account.unlock', 'counterCode.issue', 'verification.intake'],
  registrar: ['account.view', 'account.import', 'registry.import'],
  reviewer: ['account.view', 'verification.review'],
  client_admin: ['clients.manage'],
  key_admin: ['keys.manage'],
  auditor: ['audit.read'],
} as const satisfies Record<string, readonly Permission[]>;
export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as [Role, ...Role[]];

/** Holding any of these makes a role an admin role, for which TOTP is always required. */
export const ADMIN_PERMISSIONS: readonly Permission[] = [
  'staff.manage',
  'keys.manage',
  'clients.manage',
  'settings.manage',
  'calendar.manage',
  'backup.manage',
];

export function permissionsOf(roles: readonly Role[]): Permission[] {
  const held = new Set<Permission>();
  for (const role of roles) for (const p of ROLES[role]) held.add(p);
  return PERMISSIONS.filter((p) => held.has(p));
}

export function covers(held: readonly Permission[], wanted: readonly Permission[]): boolean {
  const set = new Set(held);
  return wanted.every((p) => set.has(p));
}

export function isAdmin(permissions: readonly Permission[]): boolean {
  return permissions.some((p) => ADMIN_PERMISSIONS.includes(p));
}

/** A role carrying an admin permission. */
export const isAdminRole = (role: Role): boolean => isAdmin(ROLES[role]);

/**
 * What a session may do: the permissions of admin roles apply only in a session that passed
 * two-step verification, so a role granted mid-session waits for it.
 */
export function permissionsInSession(roles: readonly Role[], twoStep: boolean): Permission[] {
  return permissionsOf(twoStep ? roles : roles.filter((role) => !isAdminRole(role)));
}
