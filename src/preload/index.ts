import { contextBridge, ipcRenderer } from 'electron';
import { IPC_PREFIX, contract } from '../shared/contract';

const channels = new Set(Object.keys(contract));

/** The whole bridge: one function, and only for the contract's channels. */
contextBridge.exposeInMainWorld('desk', {
  call(channel: string, input: unknown): Promise<unknown> {
    if (typeof channel !== 'string' || !channels.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `there is no channel "${String(channel)}"` } });
    }
    return ipcRenderer.invoke(`${IPC_PREFIX}${channel}`, input);
  },
});
