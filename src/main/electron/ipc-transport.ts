// Types only: this module runs in plain Node too (unit tests hand it stand-ins). main.ts passes
// Electron's ipcMain and webContents, which the compiler checks against the narrow interfaces below.
import type { IpcMainInvokeEvent } from 'electron';
import { IPC_PREFIX, contract } from '../../shared/contract';
import type { Envelope } from '../../shared/errors';
import type { Logger } from '../log';
import type { Router } from '../rpc/router';
import {
  type RendererLocation,
  type SenderFacts,
  WindowTokens,
  forbidden,
  ipcNamesFor,
  judgeSender,
  normalizeIpcInput,
  toWire,
} from './ipc-policy';

/** The part of ipcMain the transport uses (Electron's `ipcMain` fits). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, input: unknown) => Promise<Envelope<unknown>>): void;
  removeHandler(channel: string): void;
}

/** The part of a window's webContents the transport uses. */
export interface WindowContents {
  readonly id: number;
  once(event: 'destroyed', listener: () => void): unknown;
}

type RouterLike = Pick<Router, 'call'>;

/** What Electron tells us about the sender, read synchronously before the first await. */
function senderFacts(event: IpcMainInvokeEvent, ownWindows: ReadonlySet<number>): SenderFacts {
  let frame: SenderFacts['frame'] = null;
  try {
    const sf = event.senderFrame;
    if (sf && !sf.isDestroyed() && !sf.detached) {
      const main = event.sender.mainFrame;
      frame = { url: sf.url, isMainFrame: sf.parent === null && sf.frameTreeNodeId === main.frameTreeNodeId };
    }
  } catch {
    frame = null; // a frame that went away between the message and this check
  }
  return { frame, ownWindow: ownWindows.has(event.sender.id) };
}

/**
 * The Electron transport: `ipcMain.handle('desk:<channel>')` for each contract channel,
 * a sender check, then `router.call` with a carrier that keeps the session token in the
 * main process, per webContents. A thin adapter, like the HTTP transport.
 */
export class IpcTransport {
  private readonly tokens = new WindowTokens();
  private readonly ownWindows = new Set<number>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly registered: string[] = [];
  private readonly ending = new Set<number>();
  private closed = false;

  constructor(
    private readonly ipc: IpcMainLike,
    private readonly router: RouterLike,
    private readonly location: RendererLocation,
    private readonly log: Logger,
  ) {}

  install(): void {
    for (const [ipcName, channel] of ipcNamesFor(Object.keys(contract), IPC_PREFIX)) {
      this.ipc.handle(ipcName, (event, input: unknown) => this.track(this.handle(channel, event, input)));
      this.registered.push(ipcName);
    }
  }

  /** Marks a window's webContents as ours; its session ends when it is destroyed. */
  adopt(contents: WindowContents): void {
    const id = contents.id;
    this.ownWindows.add(id);
    contents.once('destroyed', () => {
      this.ownWindows.delete(id);
      if (!this.closed) this.endSession(id);
    });
  }

  /** The token exists only here, so a window that goes away signs out rather than leave its session to expire. */
  private endSession(id: number): void {
    if (!this.tokens.has(id) || this.ending.has(id)) return;
    this.ending.add(id);
    void this.track(
      this.router
        .call('auth.signOut', {}, this.tokens.carrierFor(id))
        .catch((err: unknown) => this.log.error('ipc.sign-out-on-close', { error: err }))
        .finally(() => {
          this.tokens.forget(id);
          this.ending.delete(id);
        }),
    );
  }

  private async handle(channel: string, event: IpcMainInvokeEvent, input: unknown): Promise<Envelope<unknown>> {
    const verdict = judgeSender(senderFacts(event, this.ownWindows), this.location);
    if (!verdict.ok) {
      this.log.error('ipc.refused', { channel, reason: verdict.reason });
      return forbidden(verdict.reason);
    }
    const normalized = normalizeIpcInput(input);
    if (!normalized.ok) return { ok: false, error: normalized.error };
    try {
      return toWire(await this.router.call(channel, normalized.value, this.tokens.carrierFor(event.sender.id)));
    } catch (err) {
      this.log.error('ipc.internal', { channel, error: err });
      return { ok: false, error: { code: 'INTERNAL', message: 'the desk could not complete this request; it has been logged' } };
    }
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }

  /**
   * Stops answering, signs out the sessions windows still hold, and waits for every call
   * still running. After this the desk may close its store.
   */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      for (const name of this.registered.splice(0)) this.ipc.removeHandler(name);
      for (const id of this.tokens.ids()) this.endSession(id);
    }
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** For tests and diagnostics: how many windows hold a session token. */
  get sessionsHeld(): number {
    return this.tokens.size;
  }
}
