import type { Database } from '../store/database';
import { DataKey, type KeyProtector } from './data-key';
import { findKeyring, insertKeyring } from './keyring-repository';

/** Opens the desk's data key with the shell's protector, creating and wrapping one on first run. */
export async function openDataKey(db: Database, protector: KeyProtector, now: Date): Promise<DataKey> {
  const row = await findKeyring(db.reader);
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
  await db.write((tx) => insertKeyring(tx, { protector: protector.name, wrapped }, now));
  return key;
}
