import type { ChannelDef } from './define';

export const keyChannels = {} satisfies Record<string, ChannelDef>;
