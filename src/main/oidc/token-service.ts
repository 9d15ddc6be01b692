import type http from 'node:http';
import type Provider from 'oidc-provider';
import { JWKS_CACHE_MAX_AGE } from '../../shared/oauth/lifetimes';
import type { Desk } from '../desk';
import type { SigningKeySet } from '../keys/key-set';
import { createProvider } from './provider-config';

type Callback = (req: http.IncomingMessage, res: http.ServerResponse) => void;

interface Instance {
  revision: string;
  provider: Provider;
  callback: Callback;
}

/**
 * The running token service. It holds one configured oidc-provider and builds a new one
 * when the published signing keys change (promotion, revocation, a scheduled rotation), so a
 * key admin's action takes effect at the next request without a restart: grants, tokens and
 * sessions live in the store, not in the instance, and the cookie keys stay the same.
 */
export class TokenService {
  private instance: Instance | null = null;

  constructor(
    private readonly desk: Desk,
    readonly issuer: string,
    private readonly clock: () => Date,
  ) {}

  async provider(): Promise<Provider> {
    return (await this.current()).provider;
  }

  /** Serves oidc-provider's endpoints; the JWKS is the key manager's, so it publishes next and retired keys too. */
  async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/jwks' && req.method === 'GET') return this.serveJwks(res);
    (await this.current()).callback(req, res);
  }

  private async current(): Promise<Instance> {
    const set = await this.desk.keys.signingKeySet();
    if (this.instance?.revision !== set.revision) this.instance = this.build(set);
    return this.instance;
  }

  private build(set: SigningKeySet): Instance {
    const provider = createProvider({
      issuer: this.issuer,
      store: this.desk.store,
      vault: this.desk.vault,
      clients: this.desk.clients,
      privateJwks: set.privateJwks,
      cookieKeys: [this.desk.dataKey.derive('token-service-cookies').toString('base64url')],
      clock: this.clock,
      log: this.desk.log,
    });
    return { revision: set.revision, provider, callback: provider.callback() as Callback };
  }

  private async serveJwks(res: http.ServerResponse) {
    const { publicJwks } = await this.desk.keys.signingKeySet();
    res.writeHead(200, {
      'Content-Type': 'application/jwk-set+json; charset=utf-8',
      'Cache-Control': `public, max-age=${JWKS_CACHE_MAX_AGE}`,
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(JSON.stringify(publicJwks));
  }
}
