import crypto from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { PassphraseProtector } from '../src/main/crypto/passphrase-protector';
import { openDesk } from '../src/main/desk';
import type { SessionCarrier } from '../src/main/rpc/context';
import type { StoreLocation } from '../src/main/store/store-location';
import { createLogger } from '../src/main/log';
import { startPortal } from '../src/main/portal/portal-server';
import { LOAD_WORKER_SOURCE } from './load-worker';
import { call, signInFirstAdmin } from './operator';
import { type BenchEntry, atLeast, atMost, info } from './report';

export interface TokenBenchOptions {
  dataDir: string;
  /** SQLite in `dataDir` (a fresh store, its passphrase made up) unless a PostgreSQL database is given. */
  store?: StoreLocation;
  /** The store's passphrase (required with a PostgreSQL store). */
  passphrase?: string;
  /** An operator already signed in on that store (when another suite created it); else its first admin is signed in. */
  jar?: SessionCarrier;
  requests: number;
  log: (line: string) => void;
}

const CONCURRENCY = 8;

function load(url: string, authorization: string, body: string, total: number): Promise<{ seconds: number; failed: number }> {
  const worker = new Worker(LOAD_WORKER_SOURCE, { eval: true, workerData: { url, authorization, body, total, concurrency: CONCURRENCY } });
  return new Promise((resolve, reject) => {
    worker.once('message', (m: { seconds: number; failed: number }) => void worker.terminate().then(() => resolve(m)));
    worker.once('error', reject);
  });
}

/** crypto.sign with the active RS256 key over a payload the size of an access token's signing input, for ~`ms`. */
function rawSignRate(privateJwk: crypto.JsonWebKey, ms: number): number {
  const key = crypto.createPrivateKey({ key: privateJwk, format: 'jwk' });
  const input = Buffer.from(crypto.randomBytes(300).toString('base64url'));
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    crypto.sign('sha256', input, key);
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

/** The token service over loopback HTTP: client-credentials tokens, introspection, and the event loop meanwhile. */
export async function runTokenServiceBench(o: TokenBenchOptions): Promise<BenchEntry[]> {
  const desk = await openDesk({
    dataDir: o.dataDir,
    protector: new PassphraseProtector(o.passphrase ?? crypto.randomBytes(24).toString('base64url')),
    log: createLogger(() => undefined),
    store: o.store,
  });
  const portal = await startPortal(desk, { host: '127.0.0.1', port: 0 });
  try {
    const jar = desk.firstRun || !o.jar ? await signInFirstAdmin(desk) : o.jar;
    const submitted = await call<{ id: number }>(desk, 'clients.submit', {
      appName: 'Bench API client',
      department: '网络信息中心',
      purpose: 'Measures the token service.',
      homepage: 'https://bench.example.edu.cn',
      clientType: 'confidential',
      grantTypes: ['client_credentials'],
      scopes: ['profile'],
      redirectUris: [],
      postLogoutRedirectUris: [],
      contact: { name: 'Bench', email: 'bench@example.edu.cn', phone: '021-34200000' },
    }, jar);
    await call(desk, 'clients.recordLeaderApproval', { id: submitted.id, leaderName: 'Bench', approvedOn: new Date().toISOString().slice(0, 10) }, jar);
    const approved = await call<{ application: { client: { clientId: string } }; secretShownOnce: string }>(desk, 'clients.approve', { id: submitted.id }, jar);
    const clientId = approved.application.client.clientId;
    const authorization = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(approved.secretShownOnce)}`).toString('base64')}`;

    const { privateJwks, activeKid } = await desk.keys.signingKeySet();
    const signRate = rawSignRate(privateJwks.find((k) => k.kid === activeKid.RS256)! as crypto.JsonWebKey, 3000);

    const tokenUrl = `${portal.issuer}/token`;
    const ccBody = 'grant_type=client_credentials&scope=profile';
    await load(tokenUrl, authorization, ccBody, 200); // warm-up
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const cc = await load(tokenUrl, authorization, ccBody, o.requests);
    loop.disable();
    const tokenRate = o.requests / cc.seconds;
    o.log(`token service: ${Math.round(tokenRate)} client-credentials tokens/s, crypto.sign ${Math.round(signRate)}/s`);

    // An opaque access token, as a sign-in leaves one for the userinfo endpoint, to introspect.
    const provider = await portal.tokenService.provider();
    const client = await provider.Client.find(clientId);
    if (!client) throw new Error('the issued client is unknown to the token service');
    const grant = new provider.Grant({ accountId: 'bench', clientId });
    grant.addOIDCScope('openid');
    const grantId = await grant.save();
    const opaque = await new provider.AccessToken({ client, accountId: 'bench', grantId, scope: 'openid', gty: 'authorization_code' }).save();
    const introspectBody = `token=${encodeURIComponent(opaque)}`;
    const introspection = await load(`${portal.issuer}/token/introspection`, authorization, introspectBody, o.requests);

    return [
      info('token service: client-credentials tokens over loopback HTTP', tokenRate, 'tokens/s'),
      info('token service: crypto.sign RS256 with the same key, one thread', signRate, 'signatures/s'),
      atLeast('token service: token rate / crypto.sign rate (RS256)', tokenRate / signRate, 'x', 0.5),
      info('token service: failed token requests', cc.failed, 'requests'),
      info('token service: introspection over loopback HTTP', o.requests / introspection.seconds, 'requests/s'),
      info('token service: failed introspection requests', introspection.failed, 'requests'),
      atMost(`token service: event-loop delay p99 under token load (${CONCURRENCY} concurrent)`, loop.percentile(99) / 1e6, 'ms', 20),
    ];
  } finally {
    await portal.close();
    await desk.close();
  }
}
