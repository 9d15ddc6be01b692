import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  MAX_IPC_INPUT_BYTES,
  type RendererLocation,
  WindowTokens,
  channelForIpcName,
  ipcNamesFor,
  isRendererUrl,
  judgeSender,
  normalizeIpcInput,
} from '../../src/main/electron/ipc-policy';
import { type IpcMainLike, IpcTransport } from '../../src/main/electron/ipc-transport';
import { createLogger } from '../../src/main/log';
import type { SessionCarrier } from '../../src/main/rpc/context';
import { APP_INDEX_URL } from '../../src/main/electron/app-protocol';
import { IPC_PREFIX, contract, isChannel } from '../../src/shared/contract';
import type { Envelope } from '../../src/shared/errors';

const appUrl = APP_INDEX_URL;
const packaged: RendererLocation = { appUrl, devServerUrl: null };
const dev: RendererLocation = { appUrl, devServerUrl: 'http://localhost:5173/' };
/** Where the built renderer lies on disk: file:// was the window's origin before app://. */
const builtFile = pathToFileURL(path.resolve('/opt/desk/resources/app/out/renderer/index.html')).href;

describe('isRendererUrl', () => {
  it('accepts app://desk/index.html, with or without a fragment or query', () => {
    expect(appUrl).toBe('app://desk/index.html');
    expect(isRendererUrl(appUrl, packaged)).toBe(true);
    expect(isRendererUrl(`${appUrl}#/staff`, packaged)).toBe(true);
    expect(isRendererUrl(`${appUrl}?lang=en`, packaged)).toBe(true);
  });

  it('refuses the renderer file itself over file://, and any other file', () => {
    expect(isRendererUrl(builtFile, packaged)).toBe(false);
    expect(isRendererUrl(`${builtFile}#/staff`, dev)).toBe(false);
    expect(isRendererUrl(pathToFileURL('/etc/passwd').href, packaged)).toBe(false);
  });

  it('refuses other pages, hosts, ports, credentials, schemes and junk', () => {
    expect(isRendererUrl('app://desk/other.html', packaged)).toBe(false);
    expect(isRendererUrl('app://desk/', packaged)).toBe(false);
    expect(isRendererUrl('app://evil/index.html', packaged)).toBe(false);
    expect(isRendererUrl('app://desk:8080/index.html', packaged)).toBe(false);
    expect(isRendererUrl('app://user:pw@desk/index.html', packaged)).toBe(false);
    expect(isRendererUrl('https://desk/index.html', packaged)).toBe(false);
    expect(isRendererUrl('https://example.com/index.html', packaged)).toBe(false);
    expect(isRendererUrl('about:blank', packaged)).toBe(false);
    expect(isRendererUrl('data:text/html,<p>x</p>', packaged)).toBe(false);
    expect(isRendererUrl('not a url', packaged)).toBe(false);
    expect(isRendererUrl('', packaged)).toBe(false);
  });

  it('does not let path tricks reach the renderer document', () => {
    expect(isRendererUrl('app://desk/assets/../index.html', packaged)).toBe(true); // normalises to the same document
    expect(isRendererUrl('app://desk/index.html.evil', packaged)).toBe(false);
    expect(isRendererUrl('app://desk/sub/index.html', packaged)).toBe(false);
  });

  it('refuses a location whose own URL is not an app scheme', () => {
    expect(isRendererUrl(builtFile, { appUrl: builtFile })).toBe(false);
    expect(isRendererUrl('https://example.com/', { appUrl: 'https://example.com/' })).toBe(false);
  });

  it('accepts the dev server origin only when one is configured', () => {
    expect(isRendererUrl('http://localhost:5173/', packaged)).toBe(false);
    expect(isRendererUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5173/#/audit', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isRendererUrl('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isRendererUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isRendererUrl(appUrl, dev)).toBe(true);
  });

  it('ignores a dev server URL that is not http(s)', () => {
    const odd: RendererLocation = { appUrl, devServerUrl: 'file:///tmp/' };
    expect(isRendererUrl('file:///tmp/x.html', odd)).toBe(false);
  });
});

describe('judgeSender', () => {
  const mainFrame = { url: appUrl, isMainFrame: true };

  it('accepts the main frame of our own window showing the console', () => {
    expect(judgeSender({ frame: mainFrame, ownWindow: true }, packaged)).toEqual({ ok: true });
  });

  it.each([
    ['a window we did not create', { frame: mainFrame, ownWindow: false }, /not a window of this desk/],
    ['a frame that is gone', { frame: null, ownWindow: true }, /gone/],
    ['a sub-frame', { frame: { ...mainFrame, isMainFrame: false }, ownWindow: true }, /sub-frame/],
    ['another page', { frame: { url: 'https://example.com/', isMainFrame: true }, ownWindow: true }, /not the desk console/],
  ])('refuses %s', (_what, facts, reason) => {
    const verdict = judgeSender(facts, packaged);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toMatch(reason);
  });
});

describe('IPC channel names', () => {
  it('maps prefixed names of known channels back to the channel', () => {
    expect(channelForIpcName(`${IPC_PREFIX}auth.signIn`, IPC_PREFIX, isChannel)).toBe('auth.signIn');
  });

  it.each([
    'auth.signIn',
    `${IPC_PREFIX}`,
    `${IPC_PREFIX}no.such.channel`,
    `${IPC_PREFIX}__proto__`,
    `${IPC_PREFIX}constructor`,
    `${IPC_PREFIX}hasOwnProperty`,
    `other:auth.signIn`,
    `${IPC_PREFIX}auth.signIn `,
    `${IPC_PREFIX}${'a'.repeat(65)}`,
  ])('refuses %j', (name) => {
    expect(channelForIpcName(name, IPC_PREFIX, isChannel)).toBeNull();
  });

  it('refuses with an empty prefix', () => {
    expect(channelForIpcName('auth.signIn', '', isChannel)).toBeNull();
  });

  it('registers exactly the contract, each under the prefix', () => {
    const names = ipcNamesFor(Object.keys(contract), IPC_PREFIX);
    expect(names.map(([, channel]) => channel).sort()).toEqual(Object.keys(contract).sort());
    for (const [ipcName, channel] of names) expect(ipcName).toBe(`${IPC_PREFIX}${channel}`);
  });

  it('refuses to register a channel name HTTP could not carry either', () => {
    expect(() => ipcNamesFor(['ok.name', 'bad name'], IPC_PREFIX)).toThrow(/bad name/);
  });
});

describe('normalizeIpcInput', () => {
  it('gives the router the same shapes JSON over HTTP would', () => {
    const when = new Date('2025-03-01T08:00:00Z');
    const out = normalizeIpcInput({ at: when, skip: undefined, list: [1, 'a'], nested: { ok: true } });
    expect(out).toEqual({ ok: true, value: { at: '2025-03-01T08:00:00.000Z', list: [1, 'a'], nested: { ok: true } } });
    expect(normalizeIpcInput(undefined)).toEqual({ ok: true, value: undefined });
  });

  it('refuses input JSON cannot carry', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const input of [cyclic, { n: 1n }, () => 1, Symbol('x')]) {
      const out = normalizeIpcInput(input);
      expect(out.ok ? null : out.error.code).toBe('VALIDATION');
    }
  });

  it('caps the size like the HTTP body cap', () => {
    const out = normalizeIpcInput({ blob: 'x'.repeat(MAX_IPC_INPUT_BYTES) });
    expect(out.ok ? null : out.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('WindowTokens', () => {
  it('keeps one token per webContents and forgets it', () => {
    const tokens = new WindowTokens();
    const a = tokens.carrierFor(1);
    const b = tokens.carrierFor(2);
    a.set('token-a');
    expect(a.token()).toBe('token-a');
    expect(b.token()).toBeNull();
    b.set('token-b');
    a.clear();
    expect(a.token()).toBeNull();
    expect(tokens.carrierFor(2).token()).toBe('token-b');
    tokens.forget(2);
    expect(b.token()).toBeNull();
    expect(tokens.size).toBe(0);
  });
});

// ---- the transport, with stand-ins for ipcMain, webContents and the router -------------------

type Listener = Parameters<IpcMainLike['handle']>[1];

function fakeIpc() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike & { handlers: Map<string, Listener> } = {
    handlers,
    handle: (name, listener) => {
      if (handlers.has(name)) throw new Error(`second handler for ${name}`);
      handlers.set(name, listener);
    },
    removeHandler: (name) => void handlers.delete(name),
  };
  return ipc;
}

function fakeContents(id: number) {
  const listeners = new Map<string, () => void>();
  return {
    id,
    once: (event: string, listener: () => void) => void listeners.set(event, listener),
    destroy: () => listeners.get('destroyed')?.(),
  };
}

/** A stand-in for IpcMainInvokeEvent with what the sender check reads. */
function event(contentsId: number, frame: { url: string; sub?: boolean; destroyed?: boolean } | null): never {
  return {
    sender: { id: contentsId, mainFrame: { frameTreeNodeId: 1 } },
    senderFrame: frame && {
      url: frame.url,
      parent: frame.sub ? {} : null,
      frameTreeNodeId: frame.sub ? 2 : 1,
      detached: false,
      isDestroyed: () => frame.destroyed ?? false,
    },
  } as never;
}

/** A router that records calls; auth.signIn sets a token, auth.signOut clears it. */
function fakeRouter() {
  const calls: { channel: string; input: unknown; token: string | null }[] = [];
  let issued = 0;
  return {
    calls,
    async call(channel: string, input: unknown, carrier: SessionCarrier): Promise<Envelope<unknown>> {
      calls.push({ channel, input, token: carrier.token() });
      if (channel === 'auth.signIn') carrier.set(`token-${++issued}`);
      if (channel === 'auth.signOut') carrier.clear();
      if (channel === 'auth.session') return { ok: true, value: { at: new Date('2025-01-01T00:00:00Z'), none: undefined } };
      return { ok: true, value: { ok: true } };
    },
  };
}

function setup() {
  const ipc = fakeIpc();
  const router = fakeRouter();
  const lines: string[] = [];
  const transport = new IpcTransport(ipc, router, packaged, createLogger((l) => lines.push(l)));
  transport.install();
  const invoke = (channel: string, ev: never, input: unknown = {}) => ipc.handlers.get(`${IPC_PREFIX}${channel}`)!(ev, input);
  return { ipc, router, transport, lines, invoke };
}

describe('IpcTransport', () => {
  it('registers one handler per contract channel and removes them on close', async () => {
    const { ipc, transport } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(Object.keys(contract).map((c) => `${IPC_PREFIX}${c}`).sort());
    await transport.close();
    expect(ipc.handlers.size).toBe(0);
  });

  it('refuses senders that fail the check without calling the router', async () => {
    const { router, transport, lines, invoke } = setup();
    const win = fakeContents(7);
    transport.adopt(win);
    const refusals = [
      invoke('auth.session', event(8, { url: appUrl })), // not our window
      invoke('auth.session', event(7, null)), // frame gone
      invoke('auth.session', event(7, { url: appUrl, destroyed: true })),
      invoke('auth.session', event(7, { url: appUrl, sub: true })), // iframe
      invoke('auth.session', event(7, { url: 'https://evil.example/' })),
    ];
    for (const envelope of await Promise.all(refusals)) {
      expect(envelope.ok).toBe(false);
      expect(envelope.ok ? null : envelope.error.code).toBe('FORBIDDEN');
    }
    expect(router.calls).toHaveLength(0);
    expect(lines.filter((l) => l.includes('ipc.refused'))).toHaveLength(5);
  });

  it('keeps each window’s token in the main process and never returns it', async () => {
    const { router, transport, invoke } = setup();
    const a = fakeContents(1);
    const b = fakeContents(2);
    transport.adopt(a);
    transport.adopt(b);
    const signedIn = await invoke('auth.signIn', event(1, { url: appUrl }), { username: 'u', password: 'p' });
    expect(JSON.stringify(signedIn)).not.toContain('token-');
    await invoke('auth.session', event(1, { url: `${appUrl}#/home` }));
    await invoke('auth.session', event(2, { url: appUrl }));
    expect(router.calls.map((c) => [c.channel, c.token])).toEqual([
      ['auth.signIn', null],
      ['auth.session', 'token-1'],
      ['auth.session', null],
    ]);
    expect(transport.sessionsHeld).toBe(1);
  });

  it('hands out JSON shapes, like the HTTP transport', async () => {
    const { transport, invoke } = setup();
    transport.adopt(fakeContents(1));
    const envelope = await invoke('auth.session', event(1, { url: appUrl }), { when: new Date(0) });
    expect(envelope).toEqual({ ok: true, value: { at: '2025-01-01T00:00:00.000Z' } });
  });

  it('signs a closed window out, forgets its token, and refuses its id afterwards', async () => {
    const { router, transport, invoke } = setup();
    const win = fakeContents(3);
    transport.adopt(win);
    await invoke('auth.signIn', event(3, { url: appUrl }));
    win.destroy();
    const late = await invoke('auth.session', event(3, { url: appUrl }));
    expect(late.ok ? null : late.error.code).toBe('FORBIDDEN');
    await transport.close();
    expect(router.calls.map((c) => [c.channel, c.token])).toEqual([
      ['auth.signIn', null],
      ['auth.signOut', 'token-1'],
    ]);
    expect(transport.sessionsHeld).toBe(0);
  });

  it('signs out the windows still open when it closes', async () => {
    const { router, transport, invoke } = setup();
    transport.adopt(fakeContents(4));
    await invoke('auth.signIn', event(4, { url: appUrl }));
    await transport.close();
    expect(router.calls.map((c) => c.channel)).toEqual(['auth.signIn', 'auth.signOut']);
    expect(transport.sessionsHeld).toBe(0);
  });

  it('does not sign out a window that never signed in', async () => {
    const { router, transport } = setup();
    const win = fakeContents(5);
    transport.adopt(win);
    win.destroy();
    await transport.close();
    expect(router.calls).toHaveLength(0);
  });

  it('answers INTERNAL, not a rejected invoke, when the router throws', async () => {
    const ipc = fakeIpc();
    const lines: string[] = [];
    const transport = new IpcTransport(
      ipc,
      { call: () => Promise.reject(new Error('boom')) },
      packaged,
      createLogger((l) => lines.push(l)),
    );
    transport.install();
    transport.adopt(fakeContents(1));
    const envelope = await ipc.handlers.get(`${IPC_PREFIX}auth.session`)!(event(1, { url: appUrl }), {});
    expect(envelope.ok ? null : envelope.error.code).toBe('INTERNAL');
    expect(lines.some((l) => l.includes('ipc.internal'))).toBe(true);
  });
});
