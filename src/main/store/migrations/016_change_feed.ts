import type { Migration } from '../migrate';

/**
 * Nothing to do on SQLite; the version is kept so both engines count the same migrations.
 * PostgreSQL's 016 makes every change to a cached table notify the desks on the store. A SQLite
 * file has one desk (the data directory's lock), whose own commits announce what they change.
 */
export const changeFeed: Migration = {
  version: 16,
  name: 'change feed',
  async up() {},
};
