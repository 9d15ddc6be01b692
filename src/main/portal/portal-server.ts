import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeskError } from '../../shared/errors';
import { activateAccount } from '../accounts/activation';
import { ACTIVATION_DELAY_MS } from '../accounts/diagnosis';
import type { Desk } from '../desk';
import { PasswordQueueFull, PasswordWorkQueue } from '../crypto/hash-queue';
import { parseRequestTarget } from '../rpc/request-target';
import { SECURITY_HEADERS } from '../rpc/security-headers';
import { activatedPage, activationPage, messagePage } from './activation-page';
import type { FieldErrors } from './page-layout';
import { PORTAL_CSS } from './portal-css';
import { type PortalLanguage, portalText } from './portal-text';
import { identityCodeRoutes } from './identity-code-routes';
import { recoveryRoutes } from './recovery-routes';
import { FailureLimiter } from './rate-limit';
import { readForm, send, sendHtml, sendText } from './respond';
import { interactionHandler } from '../oidc/interactions';
import { languageCookie, requestLanguage } from '../oidc/request-language';
import { TokenService } from '../oidc/token-service';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface PortalServer {
  url: string;
  /** The token service's issuer identifier (its discovery document is at /.well-known/openid-configuration). */
  issuer: string;
  tokenService: TokenService;
  close(): Promise<void>;
}

export interface PortalOptions {
  host: string;
  port: number;
  clock?: () => Date;
  /** Where the pages' password hashing waits its turn; one per desk by default. */
  passwords?: PasswordWorkQueue;
}

/**
 * The end-user pages of the local token service: what jAccount holders themselves meet.
 * Server-rendered, bilingual, no scripts, no external resources. Forms are accepted only
 * from the pages' own origin on a loopback Host.
 */
export function startPortal(desk: Desk, options: PortalOptions): Promise<PortalServer> {
  const clock = options.clock ?? (() => new Date());
  const passwords = options.passwords ?? PasswordWorkQueue.forThisMachine();
  const limiter = new FailureLimiter(10, 15 * 60 * 1000);

  async function activate(req: http.IncomingMessage, res: http.ServerResponse, lang: PortalLanguage, origin: string) {
    const t = (k: string, p?: Record<string, string>) => portalText(lang, k, p);
    if (req.headers.origin !== origin) return sendText(res, 403, 'Forbidden');
    const now = clock();
    // Counted before anything slow: parallel guesses cannot all pass the check before the first is counted.
    const attempt = limiter.reserve(req.socket.remoteAddress ?? 'unknown', now.getTime());
    if (!attempt) return sendHtml(res, 429, messagePage(lang, t('activateTitle'), t('tooMany')));
    // Only a refused code stays counted; anything unexpected counts too.
    let counts = true;
    try {
      const form = await readForm(req);
      counts = false;
      if (!form) return sendText(res, 413, 'Payload too large');
      const values = { code: form.get('code') ?? '', username: form.get('username') ?? '', mobile: form.get('mobile') ?? '' };
      const errors: FieldErrors = {};
      for (const name of ['code', 'username', 'password', 'password2'] as const) {
        if (!(form.get(name) ?? '').trim()) errors[name] = t('field.required');
      }
      if (!errors.password && !errors.password2 && form.get('password') !== form.get('password2')) {
        errors.password2 = t('field.password2.mismatch');
      }
      if (Object.keys(errors).length === 0) {
        const input = { code: values.code, username: values.username, password: form.get('password')!, mobile: values.mobile };
        counts = true;
        try {
          const done = await passwords.run(() => activateAccount(desk, input, now));
          counts = false;
          const readyAt = new Date(now.getTime() + ACTIVATION_DELAY_MS);
          const time = readyAt.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' });
          return sendHtml(res, 200, activatedPage(lang, done.username, time));
        } catch (err) {
          if (err instanceof PasswordQueueFull) {
            counts = false;
            return sendHtml(res, 503, messagePage(lang, t('activateTitle'), t('busy')));
          }
          if (!(err instanceof DeskError) || !err.fields) throw err;
          for (const f of err.fields) errors[f.path] = t(`field.${f.path}.${f.reason}`);
          counts = err.fields.some((f) => f.path === 'code');
        }
      }
      sendHtml(res, 400, activationPage(lang, values, errors));
    } finally {
      if (counts) attempt.keep();
      else attempt.release();
    }
  }

  // Holders' password checks, on the sign-in and identity-code pages alike, slowed down per source.
  const holderLimiter = new FailureLimiter(20, 15 * 60 * 1000);
  const interactions = interactionHandler({ provider: () => tokenService!.provider(), store: desk.store, passwordHasher: desk.passwordHasher, clock, limiter: holderLimiter, passwords });
  let tokenService: TokenService | undefined;
  const identityCodes = identityCodeRoutes({ desk, clock, limiter: holderLimiter, passwords, provider: () => tokenService!.provider() });
  const recovery = recoveryRoutes({ desk, clock, codeLimiter: limiter, passwords });

  const server = http.createServer((req, res) => {
    const host = req.headers.host ?? '';
    if (!LOOPBACK_HOSTS.has(host.replace(/:\d+$/, ''))) return sendText(res, 403, 'Forbidden');
    const origin = `http://${host}`;
    const target = parseRequestTarget(req.url, origin);
    if ('problem' in target) return sendText(res, 400, `Bad request: ${target.problem}`);
    const { url } = target;
    const lang = requestLanguage(url, req);
    const remember = languageCookie(url);
    if (remember) res.setHeader('Set-Cookie', remember);
    const work = (async () => {
      if (url.pathname === '/portal.css' && req.method === 'GET') return send(res, 200, 'text/css; charset=utf-8', PORTAL_CSS);
      if (url.pathname === '/activate' && req.method === 'GET') {
        return sendHtml(res, 200, activationPage(lang, { code: url.searchParams.get('code') ?? '' }, {}));
      }
      if (url.pathname === '/activate' && req.method === 'POST') return activate(req, res, lang, origin);
      if (url.pathname === '/' && req.method === 'GET') {
        res.writeHead(302, { ...SECURITY_HEADERS, Location: `/activate?lang=${lang}` });
        return res.end();
      }
      if (await interactions(req, res, url, lang, origin)) return;
      if (await identityCodes(req, res, url, lang, origin)) return;
      if (await recovery(req, res, url, lang, origin)) return;
      await tokenService!.handle(req, res, url);
    })();
    work.catch((err: unknown) => {
      desk.log.error('portal.unhandled', { path: url.pathname, error: err });
      if (!res.headersSent) sendText(res, 500, 'The service could not complete this request.');
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const { port } = server.address() as AddressInfo;
      const hostPart = options.host.includes(':') ? `[${options.host}]` : options.host;
      const issuer = `http://${hostPart}:${port}`;
      tokenService = new TokenService(desk, issuer, clock);
      desk.clients.tokenServiceIssuer = issuer;
      const stopRotation = desk.keys.startScheduler();
      resolve({
        url: `${issuer}/`,
        issuer,
        tokenService,
        close: () =>
          new Promise<void>((done) => {
            stopRotation();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
