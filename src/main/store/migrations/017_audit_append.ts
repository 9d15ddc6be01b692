import type { Migration } from '../migrate';

/**
 * Nothing to do on SQLite; the version is kept so both engines count the same migrations.
 * PostgreSQL's 017 appends audit entries under a lock, for several desks on one store; a SQLite
 * file has one desk, whose writes never interleave.
 */
export const auditAppend: Migration = {
  version: 17,
  name: 'audit append',
  async up() {},
};
