/**
 * The scopes a jAccount interface application may be approved for, and the claims each
 * releases. `openid` is always granted to OpenID Connect clients; the rest only where the
 * application was approved for them.
 */
export const SCOPES = ['openid', 'profile', 'number', 'email', 'phone', 'offline_access'] as const;
export type Scope = (typeof SCOPES)[number];

export const SCOPE_CLAIMS: Record<Scope, readonly string[]> = {
  openid: ['sub'],
  profile: ['name', 'category', 'department'],
  number: ['jaccount_number'],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
  offline_access: [],
};

export const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];
