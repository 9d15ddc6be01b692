import crypto from 'node:crypto';
import type { DataKey } from '../crypto/data-key';

/** The request header carrying the proof; the console page sends it on every RPC. */
export const SESSION_PROOF_HEADER = 'x-desk-session';

/**
 * Browsers send a cookie to every port of its host, so the console's session cookie also
 * reaches any other program serving pages on 127.0.0.1. The cookie alone therefore does not
 * make a session over HTTP: each call must also carry this proof, an HMAC of the session token
 * under a key derived from the data key. The page learns it from the answer that set the
 * cookie and keeps it in sessionStorage, which (unlike a cookie) belongs to one origin, port
 * included. Derived, not stored: nothing in the store changes, and it survives a restart.
 */
export function consoleSessionKey(dataKey: DataKey): Buffer {
  return dataKey.derive('console-session-proof');
}

export function sessionProof(key: Buffer, token: string): string {
  return crypto.createHmac('sha256', key).update(token).digest('base64url');
}

/** Whether `presented` is the proof for `token`, compared in constant time. */
export function proofMatches(key: Buffer, token: string, presented: string | string[] | undefined): boolean {
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(sessionProof(key, token));
  const given = Buffer.from(presented);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
