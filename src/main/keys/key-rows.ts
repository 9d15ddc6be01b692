import { DeskError } from '../../shared/errors';
import { type KeyState, canTransition } from '../../shared/signing-keys';
import type { KeyRow } from './signing-key-repository';
import type { Repositories } from '../repositories';

export async function mustFindKey(repos: Repositories, kid: string): Promise<KeyRow> {
  const row = await repos.signingKeys.findKeyRow(kid);
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
export async function transition(repos: Repositories, key: KeyRow, to: Exclude<KeyState, 'next'>, now: Date, reason?: string): Promise<KeyRow> {
  assertTransition(key, to);
  if (!(await repos.signingKeys.setKeyState(key.kid, key.state, to, now, reason))) throw new Error(`signing key ${key.kid} changed state underneath`);
  return (await repos.signingKeys.findKeyRow(key.kid))!;
}
