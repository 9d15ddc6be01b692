import { DeskError } from '../../shared/errors';
import { type KeyAlg, type KeyState, PUBLISHED_STATES, canTransition } from '../../shared/signing-keys';
import type { Queryable } from '../store/database';
import type { KeyMaterial } from './key-material';

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

export function findKeyRow(db: Queryable, kid: string): Promise<KeyRow | undefined> {
  return db.get<KeyRow>(`SELECT ${COLUMNS} FROM signing_keys WHERE kid = ?`, [kid]);
}

export async function mustFindKey(db: Queryable, kid: string): Promise<KeyRow> {
  const row = await findKeyRow(db, kid);
  if (!row) {
    throw new DeskError('NOT_FOUND', `kid: no signing key ${kid}`, {
      fields: [{ path: 'kid', reason: 'not_found', message: 'no such signing key' }],
    });
  }
  return row;
}

export function keyInState(db: Queryable, alg: KeyAlg, state: 'active' | 'next'): Promise<KeyRow | undefined> {
  return db.get<KeyRow>(`SELECT ${COLUMNS} FROM signing_keys WHERE alg = ? AND state = ?`, [alg, state]);
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

/** Refuses, with the reason the console translates, what KEY_TRANSITIONS does not allow. */
export function assertTransition(key: Pick<KeyRow, 'state'>, to: KeyState): void {
  if (canTransition(key.state, to)) return;
  throw new DeskError('CONFLICT', `kid: a ${key.state} key cannot become ${to}`, {
    fields: [{ path: 'kid', reason: 'key_transition', message: `${key.state} -> ${to} is not allowed` }],
    params: { reason: 'key_transition', from: key.state, to },
  });
}

/**
 * The one place a key changes state: refuses what KEY_TRANSITIONS does not allow, stamps the
 * time, and wipes the private key of a key that leaves the JWKS for good.
 */
export async function transition(tx: Queryable, key: KeyRow, to: Exclude<KeyState, 'next'>, now: Date, reason?: string): Promise<KeyRow> {
  assertTransition(key, to);
  const wipe = to === 'removed' || to === 'revoked';
  const { changes } = await tx.run(
    `UPDATE signing_keys SET state = ?, ${STAMP[to]} = ?${wipe ? ', private_key_sealed = NULL' : ''}${to === 'revoked' ? ', revocation_reason = ?' : ''}
     WHERE kid = ? AND state = ?`,
    [to, now.toISOString(), ...(to === 'revoked' ? [reason ?? null] : []), key.kid, key.state],
  );
  if (changes !== 1) throw new Error(`signing key ${key.kid} changed state underneath`);
  return (await findKeyRow(tx, key.kid))!;
}
