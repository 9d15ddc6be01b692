import type Provider from 'oidc-provider';
import { IDENTITY_CODE_SCOPE } from '../../shared/oauth/scopes';

export type BearerVerdict =
  | { ok: true; accountId: string }
  | { ok: false; status: 401; error: 'invalid_token' }
  | { ok: false; status: 403; error: 'insufficient_scope' };

const INVALID = { ok: false, status: 401, error: 'invalid_token' } as const;
const INSUFFICIENT = { ok: false, status: 403, error: 'insufficient_scope' } as const;

/**
 * Whose code `GET /code/current` may give, checked on every call as oidc-provider's userinfo
 * endpoint checks its tokens, plus the scope: an opaque access token of this token service,
 * valid, not bound to an API (no audience) nor to a key we cannot check; its client issued and
 * enabled now, and approved for `identity_code` now; its grant alive and theirs; and the token
 * itself carrying `identity_code`.
 */
export async function identityCodeHolder(provider: Provider, authorization: string | undefined): Promise<BearerVerdict> {
  const value = /^Bearer ([\w.~+/-]+=*)$/.exec(authorization ?? '')?.[1];
  if (!value) return INVALID;
  const token = await provider.AccessToken.find(value);
  if (!token || !token.isValid || !token.accountId || !token.clientId || token.aud !== undefined) return INVALID;
  if (token.jkt || token['x5t#S256']) return INVALID;
  const client = await provider.Client.find(token.clientId);
  if (!client) return INVALID;
  const grant = await provider.Grant.find(token.grantId);
  if (!grant || grant.clientId !== token.clientId || grant.accountId !== token.accountId) return INVALID;
  const approved = (client.scope ?? '').split(' ').includes(IDENTITY_CODE_SCOPE);
  if (!approved || !token.scopes.has(IDENTITY_CODE_SCOPE)) return INSUFFICIENT;
  return { ok: true, accountId: token.accountId };
}
