import Provider, { type AdapterPayload, type Configuration, errors } from 'oidc-provider';
import type { JWK } from 'jose';
import { type Scope, SCOPES, SCOPE_CLAIMS, TOKEN_SERVICE_SCOPES } from '../../shared/oauth/scopes';
import { TOKEN_TTL } from '../../shared/oauth/lifetimes';
import type { PiiVault } from '../accounts/pii-vault';
import type { ClientRegistry, TokenServiceClient } from '../clients/client-registry';
import type { Logger } from '../log';
import { accountFinder } from './account-claims';
import { storeAdapter } from './adapter';
import { errorPage, loggedOutPage, logoutPage } from './pages';
import { contextLanguage } from './request-language';
import type { Store } from '../repositories';

/** The resource (RFC 8707) whose access tokens are RFC 9068 JWTs: the jAccount APIs departments call. */
export const JACCOUNT_API = 'urn:sjtu:jaccount:api';

/**
 * oidc-provider needs a client_secret in the metadata of a confidential client; the real check
 * is `compareClientSecret`, overridden below to ask the registry (which keeps only a keyed hash).
 */
const SECRET_HELD_BY_REGISTRY = 'held-by-the-client-registry';

function isLoopback(uri: string): boolean {
  const { protocol, hostname } = new URL(uri);
  return protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(hostname);
}

export function clientMetadata(c: TokenServiceClient): AdapterPayload {
  const codeFlow = c.grantTypes.includes('authorization_code');
  return {
    client_id: c.clientId,
    client_name: c.clientName,
    ...(c.clientType === 'confidential' ? { client_secret: SECRET_HELD_BY_REGISTRY } : {}),
    token_endpoint_auth_method: c.tokenEndpointAuthMethod,
    redirect_uris: c.redirectUris,
    post_logout_redirect_uris: c.postLogoutRedirectUris,
    grant_types: c.grantTypes,
    response_types: codeFlow ? ['code'] : [],
    scope: c.scopes.join(' '),
    application_type: c.redirectUris.some(isLoopback) ? 'native' : 'web',
  };
}

export interface ProviderDeps {
  issuer: string;
  store: Store;
  vault: PiiVault;
  clients: ClientRegistry;
  privateJwks: JWK[];
  cookieKeys: string[];
  clock: () => Date;
  log: Logger;
}

/** oidc-provider, configured: code + PKCE (S256), client credentials, refresh rotation; no implicit, no password grant. */
export function createProvider(deps: ProviderDeps): Provider {
  const configuration: Configuration = {
    adapter: storeAdapter({
      store: deps.store,
      clock: deps.clock,
      findClient: async (id) => {
        const client = await deps.clients.findForTokenService(id);
        return client ? clientMetadata(client) : undefined;
      },
    }),
    findAccount: accountFinder(deps.store.reads, deps.vault),
    jwks: { keys: deps.privateJwks as NonNullable<Configuration['jwks']>['keys'] },
    cookies: { keys: deps.cookieKeys },
    scopes: [...SCOPES],
    claims: Object.fromEntries(SCOPES.map((s) => [s, [...SCOPE_CLAIMS[s]]])),
    // Cross-origin browser calls: userinfo, and a public client's token requests, only from its redirect URIs' origins.
    clientBasedCORS: (ctx, origin, client) =>
      origin !== 'null' &&
      (ctx.oidc.route === 'userinfo' || client.clientAuthMethod === 'none') &&
      (client.redirectUris ?? []).some((uri) => new URL(uri).origin === origin),
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'none'],
    enabledJWA: {
      idTokenSigningAlgValues: ['RS256'],
      userinfoSigningAlgValues: ['RS256'],
      introspectionSigningAlgValues: ['RS256'],
      authorizationSigningAlgValues: ['RS256'],
      requestObjectSigningAlgValues: ['RS256'],
      clientAuthSigningAlgValues: ['RS256'],
    },
    rotateRefreshToken: true,
    issueRefreshToken: async (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    ttl: {
      AccessToken: TOKEN_TTL.accessToken,
      AuthorizationCode: TOKEN_TTL.authorizationCode,
      ClientCredentials: TOKEN_TTL.clientCredentials,
      IdToken: TOKEN_TTL.idToken,
      RefreshToken: TOKEN_TTL.refreshToken,
      Interaction: TOKEN_TTL.interaction,
      Session: TOKEN_TTL.session,
      Grant: TOKEN_TTL.grant,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: {
        enabled: true,
        // An application may ask only about the tokens issued to it.
        allowedPolicy: async (_ctx, client, token) => client.clientAuthMethod !== 'none' && token.clientId === client.clientId,
      },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(contextLanguage(ctx), form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage(contextLanguage(ctx));
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx) => (ctx.oidc.params?.grant_type === 'client_credentials' ? JACCOUNT_API : undefined),
        useGrantedResource: () => false,
        getResourceServerInfo: (_ctx, resource, client) => {
          if (resource !== JACCOUNT_API) throw new errors.InvalidTarget();
          const scope = (client.scope ?? '')
            .split(' ')
            .filter((s) => s && !TOKEN_SERVICE_SCOPES.has(s as Scope))
            .join(' ');
          return {
            scope,
            audience: JACCOUNT_API,
            accessTokenTTL: TOKEN_TTL.accessToken,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(contextLanguage(ctx), out.error ?? 'server_error', out.error === 'invalid_request' && /interaction/i.test(out.error_description ?? ''));
    },
  };
  const provider = new Provider(deps.issuer, configuration);
  provider.Client.prototype.compareClientSecret = function compareClientSecret(this: InstanceType<typeof provider.Client>, actual: string) {
    return deps.clients.verifySecret(this.clientId, actual);
  };
  provider.on('server_error', (_ctx, error) => deps.log.error('token-service.server_error', { error }));
  return provider;
}
