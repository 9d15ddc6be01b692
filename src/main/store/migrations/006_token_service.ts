import type { Migration } from '../migrate';

/** The token service's grants, codes and tokens (oidc-provider adapter). */
export const tokenService: Migration = {
  version: 6,
  name: 'token_service',
  async up() {},
};
