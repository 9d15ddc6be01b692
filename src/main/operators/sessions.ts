import type { SessionView } from '../../shared/contract/auth';
import type { DeskSettings } from '../../shared/contract/settings';
import type { Desk } from '../../shared/desks';
import { ROLE_NAMES, isAdmin, permissionsInSession, permissionsOf } from '../../shared/permissions';
import { sha256 } from '../crypto/one-time-password';
import type { LiveSession, Stage } from '../rpc/context';
import { storedSettingsFrom } from '../settings/settings-repository';
import { settingsFrom } from '../settings/settings-store';
import type { ResolvedRow } from './session-repository';
import type { StaffRecord, StaffRow } from './staff-repository';
import { type Repositories, type Store } from '../repositories';

/**
 * A session that has not finished signing in is dropped this long after its password was
 * accepted (the session's creation), whatever it does meanwhile: nothing extends it.
 */
export const SIGN_IN_STEP_DEADLINE_MS = 10 * 60 * 1000;
/** Whatever the activity, a working day at most. */
const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;

/** What one read of a session gives, parsed once. */
interface Resolved {
  row: ResolvedRow;
  /** Frozen: calls share it for as long as it is reused. */
  staff: StaffRecord | undefined;
  settings: DeskSettings;
}

/**
 * Sessions read by token hash, reused while no commit, at this desk or at another on the store
 * (the change feed), has changed sessions, staff or settings since they were read: every change
 * that matters (a session ended or locked, roles, a disabled staff member, settings) is such a
 * commit. While the feed is down nothing is reused. The time rules are applied afresh on every call.
 */
const recentlyResolved = new WeakMap<Store, { version: number; byToken: Map<string, Resolved> }>();
/** What a resolved session is read from: a commit to any of them, at this desk or another, ends the reuse. */
const READ_FROM = ['sessions', 'staff', 'settings'] as const;

async function readSession(store: Store, tokenHash: string): Promise<Resolved | undefined> {
  let memo = recentlyResolved.get(store);
  const version = store.changes.version(READ_FROM);
  if (!memo || memo.version !== version) recentlyResolved.set(store, (memo = { version, byToken: new Map() }));
  const known = memo.byToken.get(tokenHash);
  if (known) return known;
  const row = await store.reads.sessions.findOpenSession(tokenHash);
  if (!row) return undefined;
  const resolved = { row, staff: staffOf(row), settings: settingsFrom(storedSettingsFrom(row['session:settings'])) };
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

export async function createSession(repos: Repositories, token: string, staffId: number, desk: Desk, stage: Stage, now: Date) {
  await repos.sessions.insertSession({ tokenHash: sha256(token), staffId, desk, stage }, now);
}

/**
 * Finds the live session behind a token, applying the idle lock and expiry rules. At most
 * one statement on the read connection; writes (lock, expiry) only when a rule fires.
 */
export async function resolveSession(store: Store, token: string | null, now: Date): Promise<LiveSession | null> {
  if (!token) return null;
  const resolved = await readSession(store, sha256(token));
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
    await store.write((repos) => repos.sessions.endSession(id, endReason ?? 'staff removed', now));
    return null;
  }
  let locked = row['session:locked'] === 1;
  if (!locked && stage === 'active' && idleMs > settings.idleLockSeconds * 1000) {
    await store.write((repos) => repos.sessions.updateSession(id, { locked: true }));
    locked = true;
  }
  const twoStep = row['session:two_step'] === 1;
  return { id, staff, desk: row['session:desk'], stage, locked, twoStep, permissions: permissionsInSession(staff.roles, twoStep), settings };
}
