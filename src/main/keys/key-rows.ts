import { DeskError } from '../../shared/errors';
import { type KeyState, canTransition } from '../../shared/signing-keys';
import type { Queryable } from '../store/database';
import { type KeyRow, findKeyRow, setKeyState } from './signing-key-repository';

export async function mustFindKey(db: Queryable, kid: string): Promise<KeyRow> {
  const row = await findKeyRow(db, kid);
  if (!row) {
    throw new DeskError('NOT_FOUND', `kid: no signing key ${kid}`, {
      fields: [{ path: 'kid', reason: 'not_found', message: 'no such signing key' }],
    });
  }
  return row;
}

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
  if (!(await setKeyState(tx, key.kid, key.state, to, now, reason))) throw new Error(`signing key ${key.kid} changed state underneath`);
  return (await findKeyRow(tx, key.kid))!;
}
