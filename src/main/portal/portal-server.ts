import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeskError } from '../../shared/errors';
import { activateAccount } from '../accounts/activation';
import { ACTIVATION_DELAY_MS } from '../accounts/diagnosis';
import type { Desk } from '../desk';
import { SECURITY_HEADERS } from '../rpc/security-headers';
import { type FieldErrors, activatedPage, activationPage, messagePage } from './activation-page';
import { PORTAL_CSS } from './portal-css';
import { type PortalLanguage, portalText } from './portal-text';
import { FailureLimiter } from './rate-limit';

const MAX_FORM_BYTES = 16 * 1024;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface PortalServer {
  url: string;
  close(): Promise<void>;
}

function language(url: URL, req: http.IncomingMessage): PortalLanguage {
  const asked = url.searchParams.get('lang');
  if (asked === 'en' || asked === 'zh-CN') return asked;
  return /^en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'zh-CN';
}

function send(res: http.ServerResponse, status: number, type: string, body: string) {
  // same-origin, not no-referrer: under no-referrer browsers send `Origin: null` with the form's POST, which the origin check refuses.
  res.writeHead(status, { ...SECURITY_HEADERS, 'Referrer-Policy': 'same-origin', 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function readForm(req: http.IncomingMessage): Promise<URLSearchParams | null> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_FORM_BYTES) {
        req.pause();
        resolve(null);
      } else chunks.push(c);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

/**
 * The end-user pages of the local token service: what jAccount holders themselves meet.
 * Server-rendered, bilingual, no scripts, no external resources. Forms are accepted only
 * from the pages' own origin on a loopback Host.
 */
export function startPortal(desk: Desk, options: { host: string; port: number; clock?: () => Date }): Promise<PortalServer> {
  const clock = options.clock ?? (() => new Date());
  const limiter = new FailureLimiter(10, 15 * 60 * 1000);

  async function activate(req: http.IncomingMessage, res: http.ServerResponse, lang: PortalLanguage, origin: string) {
    const t = (k: string, p?: Record<string, string>) => portalText(lang, k, p);
    if (req.headers.origin !== origin) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
    const source = req.socket.remoteAddress ?? 'unknown';
    const now = clock();
    if (limiter.blocked(source, now.getTime())) {
      return send(res, 429, 'text/html; charset=utf-8', messagePage(lang, t('activateTitle'), t('tooMany')));
    }
    const form = await readForm(req);
    if (!form) return send(res, 413, 'text/plain; charset=utf-8', 'Payload too large');
    const values = { code: form.get('code') ?? '', username: form.get('username') ?? '', mobile: form.get('mobile') ?? '' };
    const errors: FieldErrors = {};
    for (const name of ['code', 'username', 'password', 'password2'] as const) {
      if (!(form.get(name) ?? '').trim()) errors[name] = t('field.required');
    }
    if (!errors.password && !errors.password2 && form.get('password') !== form.get('password2')) {
      errors.password2 = t('field.password2.mismatch');
    }
    if (Object.keys(errors).length === 0) {
      try {
        const done = await activateAccount(
          desk.db,
          desk.vault,
          desk.audit,
          { code: values.code, username: values.username, password: form.get('password')!, mobile: values.mobile },
          now,
        );
        const readyAt = new Date(now.getTime() + ACTIVATION_DELAY_MS);
        const time = readyAt.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' });
        return send(res, 200, 'text/html; charset=utf-8', activatedPage(lang, done.username, time));
      } catch (err) {
        if (!(err instanceof DeskError) || !err.fields) throw err;
        for (const f of err.fields) errors[f.path] = t(`field.${f.path}.${f.reason}`);
        if (errors.code) limiter.fail(source, now.getTime());
      }
    }
    send(res, 400, 'text/html; charset=utf-8', activationPage(lang, values, errors));
  }

  const server = http.createServer((req, res) => {
    const host = req.headers.host ?? '';
    if (!LOOPBACK_HOSTS.has(host.replace(/:\d+$/, ''))) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
    const origin = `http://${host}`;
    const url = new URL(req.url ?? '/', origin);
    const lang = language(url, req);
    const work = (async () => {
      if (url.pathname === '/portal.css' && req.method === 'GET') return send(res, 200, 'text/css; charset=utf-8', PORTAL_CSS);
      if (url.pathname === '/activate' && req.method === 'GET') {
        return send(res, 200, 'text/html; charset=utf-8', activationPage(lang, { code: url.searchParams.get('code') ?? '' }, {}));
      }
      if (url.pathname === '/activate' && req.method === 'POST') return activate(req, res, lang, origin);
      if (url.pathname === '/' && req.method === 'GET') {
        res.writeHead(302, { ...SECURITY_HEADERS, Location: `/activate?lang=${lang}` });
        return res.end();
      }
      send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    })();
    work.catch((err: unknown) => {
      desk.log.error('portal.unhandled', { path: url.pathname, error: err });
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'The service could not complete this request.');
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${options.host}:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
