import type { clientChannels } from '../../shared/contract/clients';
import type { Handlers } from '../rpc/context';
import type { ClientRegistry } from './client-registry';

export function clientHandlers(_clients: ClientRegistry): Handlers<keyof typeof clientChannels> {
  return {};
}
