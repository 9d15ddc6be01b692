/**
 * The scopes a jAccount interface application may be approved for, and the claims each
 * releases. `openid` is always granted to OpenID Connect clients; the rest only where the
 * application was approved for them.
 */
export const SCOPES = ['openid', 'profile', 'number', 'email', 'phone', 'offline_access', 'identity_code'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * `identity_code` releases no claim: it lets the application fetch the holder's current
 * identity code (username and real name, signed) from the token service's `/code/current`.
 */
export const SCOPE_CLAIMS: Record<Scope, readonly string[]> = {
  openid: ['sub'],
  profile: ['name', 'category', 'department'],
  number: ['jaccount_number'],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
  offline_access: [],
  identity_code: [],
};

/** The scope an access token needs at `GET /code/current`. */
export const IDENTITY_CODE_SCOPE = 'identity_code' satisfies Scope;

/** Scopes about the token service itself (signing in, staying signed in, identity codes), never carried to the jAccount APIs. */
export const TOKEN_SERVICE_SCOPES: ReadonlySet<Scope> = new Set<Scope>(['openid', 'offline_access', 'identity_code']);

export const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];
