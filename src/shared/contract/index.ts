import type { z } from 'zod';
import { accountChannels } from './accounts';
import { auditChannels } from './audit';
import { authChannels } from './auth';
import { clientChannels } from './clients';
import type { ChannelDef } from './define';
import { keyChannels } from './keys';
import { settingsChannels } from './settings';
import { staffChannels } from './staff';
import { verifyChannels } from './verify';

/** Every channel the desk answers. Transports expose exactly these names and nothing else. */
export const contract = {
  ...authChannels,
  ...staffChannels,
  ...auditChannels,
  ...accountChannels,
  ...settingsChannels,
  ...keyChannels,
  ...clientChannels,
  ...verifyChannels,
} satisfies Record<string, ChannelDef>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export { IPC_PREFIX } from './names';
