import type { SignInStage as Stage } from '../../shared/contract/auth';
import type { Desk } from '../../shared/desks';
import { settingsAsJson } from '../settings/settings-repository';
import type { Queryable } from '../store/database';
import { type Engine, jsonArrayAgg } from '../store/dialect';

/** The SQL of staff sessions (the sessions table). */

/**
 * A session with its staff member (staff columns as they are), their roles and the desk
 * settings: everything the router needs, in one statement. The session's own columns and
 * the extras are named "session:..." so they cannot collide with staff columns.
 */
const resolveSql = (engine: Engine) => `
  SELECT s.id AS "session:id", s.desk AS "session:desk", s.stage AS "session:stage", s.locked AS "session:locked", s.two_step AS "session:two_step",
         s.created_at AS "session:created_at", s.last_activity_at AS "session:last_activity_at",
         (SELECT ${jsonArrayAgg(engine, 'r.role')} FROM staff_roles r WHERE r.staff_id = s.staff_id) AS "session:roles",
         ${settingsAsJson(engine)} AS "session:settings",
         st.*
  FROM sessions s LEFT JOIN staff st ON st.id = s.staff_id
  WHERE s.token_hash = ? AND s.ended_at IS NULL`;
const RESOLVE_SQL: Record<Engine, string> = { sqlite: resolveSql('sqlite'), postgres: resolveSql('postgres') };

export interface ResolvedRow {
  'session:id': number;
  'session:desk': Desk;
  'session:stage': Stage;
  'session:locked': number;
  'session:two_step': number;
  'session:created_at': string;
  'session:last_activity_at': string;
  /** A JSON array of role names. */
  'session:roles': string;
  /** The settings table, as settingsAsJson gives it. */
  'session:settings': string;
  /** Null when the staff member is gone. */
  id: number | null;
}

/** The open session with this token hash, with its staff member's columns, roles and the desk settings. */
export function findOpenSession(db: Queryable, tokenHash: string): Promise<ResolvedRow | undefined> {
  return db.get<ResolvedRow>(RESOLVE_SQL[db.engine], [tokenHash]);
}

export async function insertSession(
  tx: Queryable,
  session: { tokenHash: string; staffId: number; desk: Desk; stage: Stage },
  now: Date,
): Promise<void> {
  await tx.run('INSERT INTO sessions (token_hash, staff_id, desk, stage, created_at, last_activity_at) VALUES (?, ?, ?, ?, ?, ?)', [
    session.tokenHash,
    session.staffId,
    session.desk,
    session.stage,
    now.toISOString(),
    now.toISOString(),
  ]);
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

export async function endSessionsOf(tx: Queryable, staffId: number, reason: string, now: Date): Promise<number> {
  const { changes } = await tx.run(
    'UPDATE sessions SET ended_at = ?, end_reason = ? WHERE staff_id = ? AND ended_at IS NULL',
    [now.toISOString(), reason, staffId],
  );
  return changes;
}

export async function endOtherSessionsOf(tx: Queryable, staffId: number, keep: number, reason: string, now: Date): Promise<number> {
  const { changes } = await tx.run('UPDATE sessions SET ended_at = ?, end_reason = ? WHERE staff_id = ? AND id != ? AND ended_at IS NULL', [
    now.toISOString(),
    reason,
    staffId,
    keep,
  ]);
  return changes;
}
