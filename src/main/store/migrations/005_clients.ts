import type { Migration } from '../migrate';

/** The client registry: jAccount interface applications and their issued clients. */
export const clients: Migration = {
  version: 5,
  name: 'clients',
  async up() {},
};
