import type { Migration } from '../migrate';

/** Signing keys of the token service (private keys sealed as encrypted PKCS#8). */
export const signingKeys: Migration = {
  version: 4,
  name: 'signing_keys',
  async up() {},
};
