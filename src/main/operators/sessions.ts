import type { SessionView } from '../../shared/contract/auth';
import type { DeskSettings } from '../../shared/contract/settings';
import type { Desk } from '../../shared/desks';
import { ROLE_NAMES, isAdmin, permissionsInSession, permissionsOf } from '../../shared/permissions';
import { sha256 } from '../crypto/one-time-password';
import type { LiveSession, Stage } from '../rpc/context';
import { SETTINGS_AS_JSON_SQL, settingsFrom } from '../settings/settings-store';
import type { Database, Queryable } from '../store/database';
import type { StaffRecord, StaffRow } from './staff-repository';

/**
 * A session that has not finished signing in is dropped this long after its password was
 * accepted (the session's creation), whatever it does meanwhile: nothing extends it.
 */
export const SIGN_IN_STEP_DEADLINE_MS = 10 * 60 * 1000;
/** Whatever the activity, a working day at most. */
const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;

/**
 * A session with its staff member (staff columns as they are), their roles and the desk
 * settings: everything the router needs, in one statement. The session's own columns and
 * the extras are named "session:..." so they cannot collide with staff columns.
 */
const RESOLVE_SQL = `
  SELECT s.id AS "session:id", s.desk AS "session:desk", s.stage AS "session:stage", s.locked AS "session:locked", s.two_step AS "session:two_step",
         s.created_at AS "session:created_at", s.last_activity_at AS "session:last_activity_at",
         (SELECT json_group_array(r.role) FROM staff_roles r WHERE r.staff_id = s.staff_id) AS "session:roles",
         ${SETTINGS_AS_JSON_SQL} AS "session:settings",
         st.*
  FROM sessions s LEFT JOIN staff st ON st.id = s.staff_id
  WHERE s.token_hash = ? AND s.ended_at IS NULL`;

interface ResolvedRow {
  'session:id': number;
  'session:desk': Desk;
  'session:stage': Stage;
  'session:locked': number;
  'session:two_step': number;
  'session:created_at': string;
  'session:last_activity_at': string;
  'session:roles': string;
  'session:settings': string;
  /** Null when the staff member is gone. */
  id: number | null;
}

/** What one read of a session gives, parsed once. */
interface Resolved {
  row: ResolvedRow;
  /** Frozen: calls share it for as long as it is reused. */
  staff: StaffRecord | undefined;
  settings: DeskSettings;
}

/**
 * Sessions read by token hash, reused while the store has finished no write since they
 * were read: every change that matters (a session ended or locked, roles, a disabled staff
 * member, settings) is such a write. The time rules are applied afresh on every call.
 */
const recentlyResolved = new WeakMap<Database, { writeCount: number; byToken: Map<string, Resolved> }>();

async function readSession(db: Database, tokenHash: string): Promise<Resolved | undefined> {
  let memo = recentlyResolved.get(db);
  if (!memo || memo.writeCount !== db.writeCount) recentlyResolved.set(db, (memo = { writeCount: db.writeCount, byToken: new Map() }));
  const known = memo.byToken.get(tokenHash);
  if (known) return known;
  const row = await db.reader.get<ResolvedRow>(RESOLVE_SQL, [tokenHash]);
  if (!row) return undefined;
  const resolved = { row, staff: staffOf(row), settings: settingsFrom(JSON.parse(row['session:settings']) as Record<string, string>) };
  // Into the memo of the count read under: if a write finished meanwhile, that memo is already out of use.
  memo.byToken.set(tokenHash, resolved);
  return resolved;
}

function staffOf(row: ResolvedRow): StaffRecord | undefined {
  if (row.id === null) return undefined;
  const staff = Object.fromEntries(Object.entries(row).filter(([column]) => !column.startsWith('session:'))) as unknown as StaffRow;
  const held = JSON.parse(row['session:roles']) as string[];
  const roles = Object.freeze(ROLE_NAMES.filter((role) => held.includes(role)));
  return Object.freeze({ ...staff, roles }) as StaffRecord;
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
  const withheld = permissionsOf(staff.roles).filter((p) => !session.permissions.includes(p));
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
      twoStepNeededFor: withheld,
    },
  };
}

export async function createSession(tx: Queryable, token: string, staffId: number, desk: Desk, stage: Stage, now: Date) {
  await tx.run(
    'INSERT INTO sessions (token_hash, staff_id, desk, stage, created_at, last_activity_at) VALUES (?, ?, ?, ?, ?, ?)',
    [sha256(token), staffId, desk, stage, now.toISOString(), now.toISOString()],
  );
}

export async function updateSession(tx: Queryable, id: number, change: { stage?: Stage; locked?: boolean; twoStep?: true; touch?: Date }) {
  const sets: string[] = [];
  const params: (string | number)[] = [];
  if (change.stage) (sets.push('stage = ?'), params.push(change.stage));
  if (change.twoStep) sets.push('two_step = 1');
  if (change.locked !== undefined) (sets.push('locked = ?'), params.push(change.locked ? 1 : 0));
  if (change.touch) (sets.push('last_activity_at = ?'), params.push(change.touch.toISOString()));
  if (sets.length) await tx.run(`UPDATE sessions SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
}

export async function endSession(tx: Queryable, id: number, reason: string, now: Date) {
  await tx.run('UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL', [now.toISOString(), reason, id]);
}

/**
 * Finds the live session behind a token, applying the idle lock and expiry rules. At most
 * one statement on the read connection; writes (lock, expiry) only when a rule fires.
 */
export async function resolveSession(db: Database, token: string | null, now: Date): Promise<LiveSession | null> {
  if (!token) return null;
  const resolved = await readSession(db, sha256(token));
  if (!resolved) return null;
  const { row, staff, settings } = resolved;
  const id = row['session:id'];
  const stage = row['session:stage'];
  const idleMs = now.getTime() - new Date(row['session:last_activity_at']).getTime();
  const ageMs = now.getTime() - new Date(row['session:created_at']).getTime();
  const endReason = !staff
    ? 'staff removed'
    : staff.disabled === 1
      ? 'staff disabled'
      : ageMs > ABSOLUTE_LIFETIME_MS
        ? 'expired'
        : stage !== 'active' && ageMs > SIGN_IN_STEP_DEADLINE_MS
          ? 'sign-in abandoned'
          : null;
  if (endReason || !staff) {
    await db.write((tx) => endSession(tx, id, endReason ?? 'staff removed', now));
    return null;
  }
  let locked = row['session:locked'] === 1;
  if (!locked && stage === 'active' && idleMs > settings.idleLockSeconds * 1000) {
    await db.write((tx) => updateSession(tx, id, { locked: true }));
    locked = true;
  }
  const twoStep = row['session:two_step'] === 1;
  return { id, staff, desk: row['session:desk'], stage, locked, twoStep, permissions: permissionsInSession(staff.roles, twoStep) };
}
