import { DataKey, type KeyProtector } from './data-key';
import type { Store } from '../repositories';

/** Opens the desk's data key with the shell's protector, creating and wrapping one on first run. */
export async function openDataKey(store: Store, protector: KeyProtector, now: Date): Promise<DataKey> {
  const row = await store.reads.keyring.findKeyring();
  if (row) {
    if (row.protector !== protector.name) {
      throw new Error(
        `This store's data key is protected by "${row.protector}", but this shell offers "${protector.name}". ` +
          'Start it with the shell that created it, or migrate the key.',
      );
    }
    return DataKey.fromBytes(await protector.unwrap(row.wrapped));
  }
  const key = DataKey.generate();
  const wrapped = await protector.wrap(key.exportForWrapping());
  await store.write((repos) => repos.keyring.insertKeyring({ protector: protector.name, wrapped }, now));
  return key;
}
