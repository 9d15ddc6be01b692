import type { z } from 'zod';
import { accountChannels } from './accounts';
import { auditChannels } from './audit';
import { authChannels } from './auth';
import { backupChannels } from './backup';
import { clientChannels } from './clients';
import type { ChannelDef } from './define';
import { keyChannels } from './keys';
import { notifyChannels } from './notify';
import { recoveryChannels } from './recovery';
import { settingsChannels } from './settings';
import { staffChannels } from './staff';
import { verificationChannels } from './verification';
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
  ...notifyChannels,
  ...verificationChannels,
  ...recoveryChannels,
  ...backupChannels,
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
