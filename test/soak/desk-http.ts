import { SESSION_PROOF_HEADER, sessionProof } from '../../src/main/rpc/session-proof';
import type { RunningDesk } from '../support/headless-desk';

/**
 * Calls the running headless desk's console over HTTP, as the browser would, with a session token
 * made elsewhere: the cookie and its proof (`sessionKey` is consoleSessionKey of the store's data key).
 */
export function consoleClient(desk: RunningDesk, token: string, sessionKey: Buffer) {
  const origin = desk.url.replace(/\/$/, '');
  const port = new URL(origin).port;
  const proof = sessionProof(sessionKey, token);
  return async function rpc<T = unknown>(channel: string, input: unknown): Promise<T> {
    const res = await fetch(`${origin}/rpc/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, cookie: `desk_session_${port}=${token}`, [SESSION_PROOF_HEADER]: proof },
      body: JSON.stringify(input),
    });
    const envelope = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error!.code} ${envelope.error!.message}`);
    return envelope.value as T;
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
