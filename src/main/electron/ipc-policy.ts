/**
 * The Electron shell's decisions, kept free of 'electron' so that plain Node can test them:
 * which page may talk to the desk, which IPC names exist, what an IPC input may be, and
 * where a window's session token lives. `ipc-transport.ts` and `main.ts` only gather facts
 * from Electron objects and act on these answers.
 */
import type { DeskErrorBody, Envelope } from '../../shared/errors';
import type { SessionCarrier } from '../rpc/context';
import { MAX_REQUEST_BYTES } from '../../shared/limits';

/** Where the desk's own renderer lives: app://desk/index.html, or electron-vite's dev server in a development run. */
export interface RendererLocation {
  /** The built renderer's document on the desk's own origin (app-protocol.ts). */
  appUrl: string;
  /** ELECTRON_RENDERER_URL, honoured only in a development run (shellRunMode). */
  devServerUrl?: string | null;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether `url` is the desk's own renderer document. For the built renderer that is exactly
 * app://desk/index.html (any query or fragment; no other page, scheme or host; file:// never);
 * for the dev server of a development run, any page of its origin.
 */
export function isRendererUrl(url: string, location: RendererLocation): boolean {
  const candidate = parse(url);
  if (!candidate) return false;
  if (location.devServerUrl) {
    const dev = parse(location.devServerUrl);
    if (dev && (dev.protocol === 'http:' || dev.protocol === 'https:') && candidate.origin === dev.origin) return true;
  }
  const own = parse(location.appUrl);
  if (!own || own.protocol === 'file:' || own.protocol === 'http:' || own.protocol === 'https:') return false;
  return candidate.protocol === own.protocol && candidate.host === own.host && candidate.pathname === own.pathname && !candidate.username && !candidate.password;
}

/** What the transport could learn about the sender of an IPC message. */
export interface SenderFacts {
  /** null when Electron no longer knows the frame (it navigated away or was destroyed). */
  frame: { url: string; isMainFrame: boolean } | null;
  /** Whether the sending webContents belongs to a window this shell created. */
  ownWindow: boolean;
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

/** The sender check of every IPC call: our window, its main frame, our renderer document. */
export function judgeSender(facts: SenderFacts, location: RendererLocation): SenderVerdict {
  if (!facts.ownWindow) return { ok: false, reason: 'the sender is not a window of this desk' };
  if (!facts.frame) return { ok: false, reason: 'the sending frame is gone' };
  if (!facts.frame.isMainFrame) return { ok: false, reason: 'the sender is a sub-frame' };
  if (!isRendererUrl(facts.frame.url, location)) return { ok: false, reason: 'the sender is not the desk console' };
  return { ok: true };
}

export function forbidden(reason: string): Envelope<never> {
  return { ok: false, error: { code: 'FORBIDDEN', message: `this IPC call was refused: ${reason}` } };
}

/** Channel names as the HTTP transport accepts them in /rpc/<channel>. */
const CHANNEL_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** `desk:auth.signIn` -> `auth.signIn`, for a well-formed name of a known channel under `prefix`; else null. */
export function channelForIpcName(ipcName: string, prefix: string, isChannel: (name: string) => boolean): string | null {
  if (typeof ipcName !== 'string' || !prefix || !ipcName.startsWith(prefix)) return null;
  const name = ipcName.slice(prefix.length);
  return CHANNEL_NAME.test(name) && isChannel(name) ? name : null;
}

/** The IPC names to register for `channels`; throws on a name the transport could not carry. */
export function ipcNamesFor(channels: readonly string[], prefix: string): [ipcName: string, channel: string][] {
  const known = new Set(channels);
  return channels.map((channel) => {
    const ipcName = `${prefix}${channel}`;
    if (channelForIpcName(ipcName, prefix, (n) => known.has(n)) !== channel) {
      throw new Error(`channel "${channel}" cannot be carried over IPC`);
    }
    return [ipcName, channel];
  });
}

/** The HTTP transport's body cap, applied to IPC input too. */
export const MAX_IPC_INPUT_BYTES = MAX_REQUEST_BYTES;

/**
 * IPC carries structured clones; HTTP carries JSON. Inputs and outputs cross a JSON round
 * trip so both transports hand the router, and the renderer, exactly the same shapes.
 */
export function normalizeIpcInput(input: unknown): { ok: true; value: unknown } | { ok: false; error: DeskErrorBody } {
  if (input === undefined) return { ok: true, value: undefined };
  let text: string | undefined;
  try {
    text = JSON.stringify(input);
  } catch {
    return { ok: false, error: { code: 'VALIDATION', message: 'the input is not JSON-serializable' } };
  }
  if (text === undefined) return { ok: false, error: { code: 'VALIDATION', message: 'the input is not JSON-serializable' } };
  if (Buffer.byteLength(text, 'utf8') > MAX_IPC_INPUT_BYTES) {
    return { ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: `the input exceeds ${MAX_IPC_INPUT_BYTES} bytes` } };
  }
  return { ok: true, value: JSON.parse(text) as unknown };
}

export function toWire<T>(envelope: Envelope<T>): Envelope<T> {
  return JSON.parse(JSON.stringify(envelope)) as Envelope<T>;
}

/**
 * Session tokens of the Electron windows, keyed by webContents id. The token stays in the
 * main process; the renderer only ever sees envelopes.
 */
export class WindowTokens {
  private readonly tokens = new Map<number, string>();

  has(id: number): boolean {
    return this.tokens.has(id);
  }

  carrierFor(id: number): SessionCarrier {
    return {
      token: () => this.tokens.get(id) ?? null,
      set: (token) => void this.tokens.set(id, token),
      clear: () => void this.tokens.delete(id),
    };
  }

  /** When the webContents is destroyed. */
  forget(id: number): void {
    this.tokens.delete(id);
  }

  ids(): number[] {
    return [...this.tokens.keys()];
  }

  get size(): number {
    return this.tokens.size;
  }
}
