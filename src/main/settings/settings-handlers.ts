import type { settingsChannels } from '../../shared/contract/settings';
import type { Handlers } from '../rpc/context';
import { readSettings, writeSettings } from './settings-store';

export function settingsHandlers(): Handlers<keyof typeof settingsChannels> {
  return {
    async 'settings.get'(_input, ctx) {
      return readSettings(ctx.repos);
    },
    async 'settings.update'(input, ctx) {
      ctx.audit.target = 'settings';
      ctx.audit.detail = { ...input };
      await writeSettings(ctx.repos, input);
      return readSettings(ctx.repos);
    },
  };
}
