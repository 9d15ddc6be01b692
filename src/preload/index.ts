/**
 * The sandboxed preload (bundled to out/preload/index.cjs as CommonJS, dependencies inlined,
 * since a sandboxed preload can only require 'electron' and a few built-ins).
 *
 * The whole bridge is `window.desk.call(channel, input)`, and only for the contract's
 * channels under IPC_PREFIX. No token, no Node API, no raw ipcRenderer reaches the page;
 * the main process checks the sender again and validates the input at the router.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_PREFIX, contract } from '../shared/contract';

const channels: ReadonlySet<string> = new Set(Object.keys(contract));

function refuse(channel: unknown) {
  return Promise.resolve({
    ok: false as const,
    error: { code: 'UNKNOWN_CHANNEL' as const, message: `there is no channel "${String(channel).slice(0, 64)}"` },
  });
}

contextBridge.exposeInMainWorld('desk', {
  call(channel: string, input: unknown): Promise<unknown> {
    if (typeof channel !== 'string' || !channels.has(channel)) return refuse(channel);
    const ipcName = `${IPC_PREFIX}${channel}`;
    if (!ipcName.startsWith(IPC_PREFIX) || ipcName.length === IPC_PREFIX.length) return refuse(channel);
    return ipcRenderer.invoke(ipcName, input);
  },
});
