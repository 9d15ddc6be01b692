import type { Channel, Input, Output } from '../../../shared/contract';
import type { DeskErrorBody, Envelope, ErrorCode, FieldIssue } from '../../../shared/errors';

/** The bridge the Electron preload exposes; absent when the console runs in a browser (headless shell). */
interface DeskBridge {
  call(channel: string, input: unknown): Promise<unknown>;
}

declare global {
  interface Window {
    desk?: DeskBridge;
  }
}

/** A refusal from the desk, carrying the envelope's error body. */
export class DeskCallError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldIssue[];
  readonly params: Record<string, string | number>;
  readonly channel: string;

  constructor(channel: string, body: DeskErrorBody) {
    super(body.message);
    this.name = 'DeskCallError';
    this.channel = channel;
    this.code = body.code;
    this.fields = body.fields ?? [];
    this.params = body.params ?? {};
  }
}

type ErrorListener = (error: DeskCallError) => void;
const listeners = new Set<ErrorListener>();

/** Lets the session layer react to UNAUTHENTICATED / SESSION_LOCKED from any call, wherever it was made. */
export function onCallError(listener: ErrorListener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: unknown };
  if (v.ok === true) return 'value' in value;
  return v.ok === false && typeof v.error === 'object' && v.error !== null && 'code' in v.error;
}

/**
 * Over HTTP the session cookie reaches every local port, so the desk also asks for a proof only
 * this page holds: given in the body of the answer that starts a session (`deskSession`), kept
 * in sessionStorage (one origin, port included; gone with the tab) and sent with every call.
 */
const SESSION_PROOF_KEY = 'desk.sessionProof';

function sessionProof(): string | null {
  try {
    return window.sessionStorage.getItem(SESSION_PROOF_KEY);
  } catch {
    return null;
  }
}

function keepSessionProof(body: unknown) {
  if (typeof body !== 'object' || body === null || !('deskSession' in body)) return;
  const proof = (body as { deskSession: unknown }).deskSession;
  try {
    if (typeof proof === 'string') window.sessionStorage.setItem(SESSION_PROOF_KEY, proof);
    else window.sessionStorage.removeItem(SESSION_PROOF_KEY);
  } catch {
    // Storage refused (a private mode quota): the next call simply has no session.
  }
}

async function overHttp(channel: string, input: unknown): Promise<unknown> {
  let response: Response;
  const proof = sessionProof();
  try {
    response = await fetch(`/rpc/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(proof ? { 'x-desk-session': proof } : {}) },
      credentials: 'same-origin',
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'the desk could not be reached' } } satisfies Envelope<never>;
  }
  try {
    const body: unknown = await response.json();
    keepSessionProof(body);
    return body;
  } catch {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `the desk answered ${response.status} without an envelope` },
    } satisfies Envelope<never>;
  }
}

async function overIpc(bridge: DeskBridge, channel: string, input: unknown): Promise<unknown> {
  try {
    return await bridge.call(channel, input);
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'the desk could not be reached' } } satisfies Envelope<never>;
  }
}

/** Calls a desk channel through whichever transport this console runs on. */
export async function call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
  const raw = window.desk ? await overIpc(window.desk, channel, input) : await overHttp(channel, input);
  const envelope: Envelope<unknown> = isEnvelope(raw)
    ? raw
    : { ok: false, error: { code: 'INTERNAL', message: 'the desk answered with something that is not an envelope' } };
  if (envelope.ok) return envelope.value as Output<C>;
  const error = new DeskCallError(channel, envelope.error);
  for (const listener of listeners) listener(error);
  throw error;
}
