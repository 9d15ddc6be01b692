import type { SessionView } from '../../shared/contract/auth';
import type { DeskSettings } from '../../shared/contract/settings';
import type { Desk } from '../../shared/desks';
import { isAdmin, permissionsOf } from '../../shared/permissions';
import { sha256 } from '../crypto/one-time-password';
import type { LiveSession, Stage } from '../rpc/context';
import type { Database, Queryable } from '../store/database';
import { type StaffRecord, findStaff } from './staff-repository';

/** A session that never finished signing in is dropped after this long without activity. */
const SIGN_IN_STEP_TIMEOUT_MS = 10 * 60 * 1000;
/** Whatever the activity, a working day at most. */
const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;

interface SessionRow {
  id: number;
  staff_id: number;
  desk: Desk;
  stage: Stage;
  locked: number;
  created_at: string;
  last_activity_at: string;
}

export function totpRequired(staff: StaffRecord, settings: DeskSettings): boolean {
  return settings.totpRequiredForAll || isAdmin(permissionsOf(staff.roles));
}

/** The next sign-in step once the password is known to be right. */
export function stageAfterPassword(staff: StaffRecord, settings: DeskSettings): Stage {
  if (staff.must_change_password === 1) return 'password_change';
  if (staff.totp_secret) return 'totp';
  if (totpRequired(staff, settings)) return 'totp_enroll';
  return 'active';
}

export function toSessionView(session: LiveSession, settings: DeskSettings): SessionView {
  const { staff } = session;
  return {
    stage: session.stage,
    locked: session.locked,
    desk: session.desk,
    idleLockSeconds: settings.idleLockSeconds,
    staff: {
      id: staff.id,
      username: staff.username,
      displayName: staff.display_name,
      roles: staff.roles,
      permissions: session.permissions,
      language: staff.language,
      totpEnrolled: staff.totp_secret !== null,
      totpRequired: totpRequired(staff, settings),
    },
  };
}

export async function createSession(tx: Queryable, token: string, staffId: number, desk: Desk, stage: Stage, now: Date) {
  await tx.run(
    'INSERT INTO sessions (token_hash, staff_id, desk, stage, created_at, last_activity_at) VALUES (?, ?, ?, ?, ?, ?)',
    [sha256(token), staffId, desk, stage, now.toISOString(), now.toISOString()],
  );
}

export async function updateSession(tx: Queryable, id: number, change: { stage?: Stage; locked?: boolean; touch?: Date }) {
  const sets: string[] = [];
  const params: (string | number)[] = [];
  if (change.stage) (sets.push('stage = ?'), params.push(change.stage));
  if (change.locked !== undefined) (sets.push('locked = ?'), params.push(change.locked ? 1 : 0));
  if (change.touch) (sets.push('last_activity_at = ?'), params.push(change.touch.toISOString()));
  if (sets.length) await tx.run(`UPDATE sessions SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
}

export async function endSession(tx: Queryable, id: number, reason: string, now: Date) {
  await tx.run('UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL', [now.toISOString(), reason, id]);
}

/**
 * Finds the live session behind a token, applying the idle lock and expiry rules. Reads on
 * the read connection; writes (lock, expiry) only when a rule fires.
 */
export async function resolveSession(db: Database, token: string | null, now: Date, settings: DeskSettings): Promise<LiveSession | null> {
  if (!token) return null;
  const row = await db.reader.get<SessionRow>('SELECT * FROM sessions WHERE token_hash = ? AND ended_at IS NULL', [sha256(token)]);
  if (!row) return null;
  const staff = await findStaff(db.reader, { id: row.staff_id });
  const idleMs = now.getTime() - new Date(row.last_activity_at).getTime();
  const ageMs = now.getTime() - new Date(row.created_at).getTime();
  const endReason = !staff
    ? 'staff removed'
    : staff.disabled === 1
      ? 'staff disabled'
      : ageMs > ABSOLUTE_LIFETIME_MS
        ? 'expired'
        : row.stage !== 'active' && idleMs > SIGN_IN_STEP_TIMEOUT_MS
          ? 'sign-in abandoned'
          : null;
  if (endReason || !staff) {
    await db.write((tx) => endSession(tx, row.id, endReason ?? 'staff removed', now));
    return null;
  }
  let locked = row.locked === 1;
  if (!locked && row.stage === 'active' && idleMs > settings.idleLockSeconds * 1000) {
    await db.write((tx) => updateSession(tx, row.id, { locked: true }));
    locked = true;
  }
  return { id: row.id, staff, desk: row.desk, stage: row.stage, locked, permissions: permissionsOf(staff.roles) };
}
