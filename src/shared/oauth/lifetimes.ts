/** Token lifetimes of the token service, in seconds. Key retirement depends on them. */
export const TOKEN_TTL = {
  accessToken: 3600,
  idToken: 3600,
  clientCredentials: 3600,
  authorizationCode: 60,
  refreshToken: 14 * 24 * 3600,
  interaction: 600,
  session: 8 * 3600,
  grant: 14 * 24 * 3600,
} as const;

/** How long relying parties may cache the JWKS (its Cache-Control max-age). */
export const JWKS_CACHE_MAX_AGE = 3600;

/** The longest lifetime of anything signed with a key: a retired key stays published this long plus the JWKS cache age. */
export const LONGEST_SIGNED_TTL = Math.max(TOKEN_TTL.accessToken, TOKEN_TTL.idToken, TOKEN_TTL.clientCredentials);
