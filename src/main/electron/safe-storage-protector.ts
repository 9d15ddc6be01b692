import { type KeyProtector, WrongKeyError } from '../crypto/data-key';

/**
 * The part of Electron's `safeStorage` this protector uses. Structural, so that this module
 * does not import 'electron' and can be tested in plain Node with a stand-in.
 *
 * The synchronous calls are deprecated in favour of encryptStringAsync/decryptStringAsync,
 * but they are the ones `getSelectedStorageBackend()` describes, and that is what the
 * shell's refusal of the plain-text backend rests on. Data they wrap can later be opened by
 * decryptStringAsync, so moving over stays possible.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** The OS key store's label in messages (WrongKeyError reads "The <name> does not open ..."). */
const LABEL = 'operating system key store (safeStorage)';

/**
 * Wraps the data key with the operating system's key store through safeStorage (Keychain,
 * DPAPI, libsecret/KWallet): wrap = base64(safeStorage.encryptString(base64(key))).
 */
export class SafeStorageProtector implements KeyProtector {
  readonly name = 'safeStorage';

  constructor(private readonly storage: SafeStorageLike) {}

  private requireAvailable() {
    if (!this.storage.isEncryptionAvailable()) {
      throw new Error('safeStorage cannot encrypt on this machine: the operating system key store is not available');
    }
  }

  async wrap(key: Buffer): Promise<string> {
    this.requireAvailable();
    return this.storage.encryptString(key.toString('base64')).toString('base64');
  }

  async unwrap(wrapped: string): Promise<Buffer> {
    this.requireAvailable();
    let text: string;
    try {
      text = this.storage.decryptString(Buffer.from(wrapped, 'base64'));
    } catch {
      throw new WrongKeyError(LABEL);
    }
    const key = Buffer.from(text, 'base64');
    if (key.length !== 32 || key.toString('base64') !== text) throw new WrongKeyError(LABEL);
    return key;
  }
}
