import type { keyChannels } from '../../shared/contract/keys';
import type { Handlers } from '../rpc/context';
import type { KeyManager } from './key-manager';

export function keyHandlers(_keys: KeyManager): Handlers<keyof typeof keyChannels> {
  return {};
}
