import type { Language } from '../../shared/contract/common';
import type { StaffView } from '../../shared/contract/staff';
import { type Role, ROLE_NAMES, permissionsOf } from '../../shared/permissions';
import type { Queryable } from '../store/database';

export interface StaffRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  must_change_password: number;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
  disabled: number;
  disabled_reason: string | null;
  language: Language;
  failed_attempts: number;
  locked_until: string | null;
  created_at: string;
  last_sign_in_at: string | null;
}

export interface StaffRecord extends StaffRow {
  roles: Role[];
}

export async function findStaff(db: Queryable, by: { id: number } | { username: string }): Promise<StaffRecord | undefined> {
  const row =
    'id' in by
      ? await db.get<StaffRow>('SELECT * FROM staff WHERE id = ?', [by.id])
      : await db.get<StaffRow>('SELECT * FROM staff WHERE username = ?', [by.username]);
  if (!row) return undefined;
  return { ...row, roles: await rolesOf(db, row.id) };
}

export async function rolesOf(db: Queryable, staffId: number): Promise<Role[]> {
  const rows = await db.all<{ role: string }>('SELECT role FROM staff_roles WHERE staff_id = ?', [staffId]);
  const known = new Set<string>(ROLE_NAMES);
  return ROLE_NAMES.filter((r) => known.has(r) && rows.some((row) => row.role === r));
}

export async function setRoles(tx: Queryable, staffId: number, roles: readonly Role[]): Promise<void> {
  await tx.run('DELETE FROM staff_roles WHERE staff_id = ?', [staffId]);
  for (const role of new Set(roles)) await tx.run('INSERT INTO staff_roles (staff_id, role) VALUES (?, ?)', [staffId, role]);
}

export async function listStaff(db: Queryable): Promise<StaffRecord[]> {
  const rows = await db.all<StaffRow>('SELECT * FROM staff ORDER BY username');
  const roleRows = await db.all<{ staff_id: number; role: Role }>('SELECT staff_id, role FROM staff_roles');
  return rows.map((row) => ({
    ...row,
    roles: ROLE_NAMES.filter((r) => roleRows.some((rr) => rr.staff_id === row.id && rr.role === r)),
  }));
}

export async function insertStaff(
  tx: Queryable,
  staff: { username: string; displayName: string; passwordHash: string; roles: readonly Role[] },
  now: Date,
): Promise<number> {
  const { id } = (await tx.get<{ id: number }>(
    'INSERT INTO staff (username, display_name, password_hash, must_change_password, created_at) VALUES (?, ?, ?, 1, ?) RETURNING id',
    [staff.username, staff.displayName, staff.passwordHash, now.toISOString()],
  ))!;
  await setRoles(tx, id, staff.roles);
  return id;
}

export async function countStaff(db: Queryable): Promise<number> {
  return (await db.get<{ n: number }>('SELECT count(*) AS n FROM staff'))?.n ?? 0;
}

export async function usernameOf(db: Queryable, staffId: number): Promise<string | null> {
  return (await db.get<{ username: string }>('SELECT username FROM staff WHERE id = ?', [staffId]))?.username ?? null;
}

export function toStaffView(s: StaffRecord, now: Date): StaffView {
  const locked = s.locked_until && new Date(s.locked_until) > now ? s.locked_until : null;
  return {
    id: s.id,
    username: s.username,
    displayName: s.display_name,
    roles: s.roles,
    permissions: permissionsOf(s.roles),
    disabled: s.disabled === 1,
    disabledReason: s.disabled_reason,
    mustChangePassword: s.must_change_password === 1,
    totpEnrolled: s.totp_secret !== null,
    language: s.language,
    createdAt: s.created_at,
    lastSignInAt: s.last_sign_in_at,
    lockedUntil: locked,
  };
}

export async function recordSignIn(tx: Queryable, staffId: number, now: Date): Promise<void> {
  await tx.run('UPDATE staff SET last_sign_in_at = ? WHERE id = ?', [now.toISOString(), staffId]);
}

export async function setPassword(tx: Queryable, staffId: number, passwordHash: string): Promise<void> {
  await tx.run('UPDATE staff SET password_hash = ?, must_change_password = 0 WHERE id = ?', [passwordHash, staffId]);
}

export async function setTotpLastStep(tx: Queryable, staffId: number, step: number): Promise<void> {
  await tx.run('UPDATE staff SET totp_last_step = ? WHERE id = ?', [step, staffId]);
}

export async function setPendingTotp(tx: Queryable, staffId: number, sealedSecret: string): Promise<void> {
  await tx.run('UPDATE staff SET totp_pending_secret = ? WHERE id = ?', [sealedSecret, staffId]);
}

/** The pending authenticator becomes the staff member's; its steps start afresh. */
export async function confirmPendingTotp(tx: Queryable, staffId: number): Promise<void> {
  await tx.run('UPDATE staff SET totp_secret = totp_pending_secret, totp_pending_secret = NULL WHERE id = ?', [staffId]);
}

export async function setDisplayName(tx: Queryable, staffId: number, displayName: string): Promise<void> {
  await tx.run('UPDATE staff SET display_name = ? WHERE id = ?', [displayName, staffId]);
}

/** Disabled with its reason, or enabled again (the reason cleared). */
export async function setDisabled(tx: Queryable, staffId: number, disabled: { reason: string } | null): Promise<void> {
  await tx.run('UPDATE staff SET disabled = ?, disabled_reason = ? WHERE id = ?', [disabled ? 1 : 0, disabled?.reason ?? null, staffId]);
}

/** A one-time password set by an admin: to be changed at the next sign-in; the run of failures and any lock end. */
export async function resetPassword(tx: Queryable, staffId: number, passwordHash: string): Promise<void> {
  await tx.run('UPDATE staff SET password_hash = ?, must_change_password = 1, failed_attempts = 0, locked_until = NULL WHERE id = ?', [
    passwordHash,
    staffId,
  ]);
}

/** No authenticator, confirmed or pending: the next sign-in enrols one afresh where it is required. */
export async function clearTotp(tx: Queryable, staffId: number): Promise<void> {
  await tx.run('UPDATE staff SET totp_secret = NULL, totp_pending_secret = NULL, totp_last_step = NULL WHERE id = ?', [staffId]);
}

export async function setLanguage(tx: Queryable, staffId: number, language: Language): Promise<void> {
  await tx.run('UPDATE staff SET language = ? WHERE id = ?', [language, staffId]);
}
