import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DeskErrorBody, Envelope } from '../../shared/errors';
import { MAX_REQUEST_BYTES } from '../../shared/limits';
import type { Logger } from '../log';
import type { SessionCarrier } from './context';
import type { Router } from './router';
import { SECURITY_HEADERS } from './security-headers';
import { serveStatic } from './static-files';

const MAX_BODY_BYTES = MAX_REQUEST_BYTES;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);


const STATUS: Partial<Record<DeskErrorBody['code'], number>> = {
  VALIDATION: 400,
  PASSWORD_POLICY: 400,
  UNKNOWN_CHANNEL: 404,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOTP_INVALID: 401,
  SESSION_LOCKED: 423,
  STAFF_LOCKED: 423,
  STAGE_REQUIRED: 409,
  CONFLICT: 409,
  FORBIDDEN: 403,
  STAFF_DISABLED: 403,
  BAD_ORIGIN: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
};

function send(res: http.ServerResponse, status: number, envelope: Envelope<unknown>, extra: http.OutgoingHttpHeaders = {}) {
  const body = JSON.stringify(envelope);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

function fail(res: http.ServerResponse, code: DeskErrorBody['code'], message: string) {
  send(res, STATUS[code] ?? 400, { ok: false, error: { code, message } });
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=') || null;
  }
  return null;
}

function readBody(req: http.IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.pause();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface HttpShell {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The headless shell's transport: POST /rpc/<channel> with a JSON body, the session in an
 * HttpOnly SameSite=Strict cookie, requests accepted only from the console's own origin on
 * a loopback Host (which also defeats DNS rebinding), bodies capped at 1 MiB.
 */
export function startHttpShell(
  router: Router,
  options: { host: string; port: number; rendererDir: string; log: Logger },
): Promise<HttpShell> {
  let cookieName = 'desk_session';

  async function handleRpc(req: http.IncomingMessage, res: http.ServerResponse, channel: string, origin: string) {
    if (req.method !== 'POST') return fail(res, 'UNKNOWN_CHANNEL', 'RPC calls are POST requests');
    if (req.headers.origin !== origin) return fail(res, 'BAD_ORIGIN', 'requests must come from the desk console itself');
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
      return fail(res, 'VALIDATION', 'the body must be JSON (Content-Type: application/json)');
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    const body = declared > MAX_BODY_BYTES ? 'too-large' : await readBody(req);
    if (body === 'too-large') {
      // Answer first, then drop the connection rather than read the rest of an oversize body.
      res.setHeader('Connection', 'close');
      res.on('finish', () => req.destroy());
      return fail(res, 'PAYLOAD_TOO_LARGE', `the body exceeds ${MAX_BODY_BYTES} bytes`);
    }
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      return fail(res, 'VALIDATION', 'the body is not valid JSON');
    }
    const cookies: string[] = [];
    const carrier: SessionCarrier = {
      token: () => readCookie(req.headers.cookie, cookieName),
      set: (token) => void cookies.push(`${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`),
      clear: () => void cookies.push(`${cookieName}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`),
    };
    const envelope = await router.call(channel, input, carrier);
    const status = envelope.ok ? 200 : (STATUS[envelope.error.code] ?? 400);
    send(res, status, envelope, cookies.length ? { 'Set-Cookie': cookies } : {});
  }

  const server = http.createServer((req, res) => {
    const host = req.headers.host ?? '';
    const hostname = host.replace(/:\d+$/, '');
    if (!LOOPBACK_HOSTS.has(hostname)) return fail(res, 'BAD_ORIGIN', 'the desk answers on loopback addresses only');
    const origin = `http://${host}`;
    const url = new URL(req.url ?? '/', origin);
    const rpc = /^\/rpc\/([A-Za-z0-9_.-]{1,64})$/.exec(url.pathname);
    const work = rpc ? handleRpc(req, res, rpc[1]!, origin) : serveStatic(req, res, url.pathname, options.rendererDir);
    work.catch((err: unknown) => {
      options.log.error('http.unhandled', { path: url.pathname, error: err });
      if (!res.headersSent) fail(res, 'INTERNAL', 'the desk could not complete this request');
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const { port } = server.address() as AddressInfo;
      cookieName = `desk_session_${port}`;
      const hostPart = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({
        url: `http://${hostPart}:${port}/`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
