import { type KeyAlg, type KeyState, PUBLISHED_STATES } from '../../shared/signing-keys';
import type { Queryable } from '../store/database';
import type { KeyMaterial } from './key-material';

/** The SQL of the token service's signing keys (signing_keys). */

/** A row of signing_keys. The sealed private key is read only where it is opened (key sets, backups). */
export interface KeyRow {
  kid: string;
  alg: KeyAlg;
  size: number | null;
  curve: 'Ed25519' | null;
  fingerprint: string;
  certificate: string;
  state: KeyState;
  origin: 'generated' | 'restored';
  created_at: string;
  published_at: string;
  activated_at: string | null;
  retired_at: string | null;
  revoked_at: string | null;
  removed_at: string | null;
  revocation_reason: string | null;
}

const COLUMNS =
  'kid, alg, size, curve, fingerprint, certificate, state, origin, created_at, published_at, activated_at, retired_at, revoked_at, removed_at, revocation_reason';

/** Published first (active, next, retired), then the rest; newest first within a state. */
const ORDER = `ORDER BY CASE state WHEN 'active' THEN 0 WHEN 'next' THEN 1 WHEN 'retired' THEN 2 WHEN 'revoked' THEN 3 ELSE 4 END, alg DESC, created_at DESC, kid`;

export function listKeyRows(db: Queryable): Promise<KeyRow[]> {
  return db.all<KeyRow>(`SELECT ${COLUMNS} FROM signing_keys ${ORDER}`);
}

const PUBLISHED = `state IN (${PUBLISHED_STATES.map((s) => `'${s}'`).join(',')})`;

export function publishedKeyRows(db: Queryable): Promise<(KeyRow & { private_key_sealed: string })[]> {
  return db.all(`SELECT ${COLUMNS}, private_key_sealed FROM signing_keys WHERE ${PUBLISHED} ${ORDER}`);
}

/** Just enough to tell whether the published set changed. */
export function publishedStates(db: Queryable): Promise<Pick<KeyRow, 'kid' | 'state'>[]> {
  return db.all(`SELECT kid, state FROM signing_keys WHERE ${PUBLISHED}`);
}

/** Every key's state, removed keys included. */
export function keyStates(db: Queryable): Promise<Pick<KeyRow, 'kid' | 'state'>[]> {
  return db.all('SELECT kid, state FROM signing_keys');
}

/** Whether `kid` is one of this desk's published keys. */
export async function isPublishedKid(db: Queryable, kid: string): Promise<boolean> {
  return (await db.get(`SELECT 1 AS published FROM signing_keys WHERE kid = ? AND ${PUBLISHED}`, [kid])) !== undefined;
}

export function findKeyRow(db: Queryable, kid: string): Promise<KeyRow | undefined> {
  return db.get<KeyRow>(`SELECT ${COLUMNS} FROM signing_keys WHERE kid = ?`, [kid]);
}

export function keyInState(db: Queryable, alg: KeyAlg, state: 'active' | 'next'): Promise<KeyRow | undefined> {
  return db.get<KeyRow>(`SELECT ${COLUMNS} FROM signing_keys WHERE alg = ? AND state = ?`, [alg, state]);
}

/** Every key that was not removed, oldest first, with its sealed private key (none once revoked). */
export function keysToBackUp(db: Queryable): Promise<(KeyRow & { private_key_sealed: string | null })[]> {
  return db.all("SELECT * FROM signing_keys WHERE state <> 'removed' ORDER BY created_at, kid");
}

export interface NewKey {
  material: Omit<KeyMaterial, 'privateKey'>;
  sealed: string | null;
  state: KeyState;
  origin: KeyRow['origin'];
  at: Pick<KeyRow, 'created_at' | 'published_at' | 'activated_at' | 'retired_at' | 'revoked_at' | 'revocation_reason'>;
}

export async function insertKey(tx: Queryable, key: NewKey): Promise<void> {
  const { material: m, at } = key;
  await tx.run(
    `INSERT INTO signing_keys (kid, alg, size, curve, fingerprint, certificate, private_key_sealed, state, origin,
       created_at, published_at, activated_at, retired_at, revoked_at, revocation_reason)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    [m.kid, m.alg, m.size, m.curve, m.fingerprint, m.certificatePem, key.sealed, key.state, key.origin,
      at.created_at, at.published_at, at.activated_at, at.retired_at, at.revoked_at, at.revocation_reason],
  );
}

/** The timestamp column each target state sets. */
const STAMP: Record<Exclude<KeyState, 'next'>, string> = {
  active: 'activated_at',
  retired: 'retired_at',
  removed: 'removed_at',
  revoked: 'revoked_at',
};

/**
 * Moves a key from state `from` to `to`, stamping the time, and wipes the private key of a key
 * that leaves the JWKS for good; false if the key was no longer in state `from`. Called only
 * through transition() (key-rows.ts), which refuses the moves KEY_TRANSITIONS does not allow.
 */
export async function setKeyState(
  tx: Queryable,
  kid: string,
  from: KeyState,
  to: Exclude<KeyState, 'next'>,
  now: Date,
  reason?: string,
): Promise<boolean> {
  const wipe = to === 'removed' || to === 'revoked';
  const { changes } = await tx.run(
    `UPDATE signing_keys SET state = ?, ${STAMP[to]} = ?${wipe ? ', private_key_sealed = NULL' : ''}${to === 'revoked' ? ', revocation_reason = ?' : ''}
     WHERE kid = ? AND state = ?`,
    [to, now.toISOString(), ...(to === 'revoked' ? [reason ?? null] : []), kid, from],
  );
  return changes === 1;
}
