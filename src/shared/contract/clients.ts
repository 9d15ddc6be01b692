import type { ChannelDef } from './define';

export const clientChannels = {} satisfies Record<string, ChannelDef>;
