import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { contract, isChannel } from '../../shared/contract';
import type { DeskErrorBody, Envelope } from '../../shared/errors';
import { ANONYMOUS_REQUEST_BYTES } from '../../shared/limits';
import type { Logger } from '../log';
import { admittedBodyLimit } from './body-limits';
import type { SessionCarrier } from './context';
import { parseRequestTarget } from './request-target';
import type { Router } from './router';
import { SECURITY_HEADERS } from './security-headers';
import { SESSION_PROOF_HEADER, proofMatches, sessionProof } from './session-proof';
import { serveStatic } from './static-files';

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

/** An envelope over HTTP; `deskSession` is present on the answers that start or end a session (see session-proof.ts). */
type HttpEnvelope = Envelope<unknown> & { deskSession?: string | null };

function send(res: http.ServerResponse, status: number, envelope: HttpEnvelope, extra: http.OutgoingHttpHeaders = {}) {
  const body = JSON.stringify(envelope);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

function refuse(res: http.ServerResponse, error: DeskErrorBody) {
  send(res, STATUS[error.code] ?? 400, { ok: false, error });
}

function fail(res: http.ServerResponse, code: DeskErrorBody['code'], message: string) {
  refuse(res, { code, message });
}

/** Answers before the rest of a body is read, then drops the connection rather than read it. */
function refuseUnread(req: http.IncomingMessage, res: http.ServerResponse, error: DeskErrorBody) {
  res.setHeader('Connection', 'close');
  res.on('finish', () => req.destroy());
  refuse(res, error);
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=') || null;
  }
  return null;
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
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

function tooLarge(limit: number): DeskErrorBody {
  const why = limit === ANONYMOUS_REQUEST_BYTES ? ' (larger bodies need a signed-in session allowed to make this call)' : '';
  return { code: 'PAYLOAD_TOO_LARGE', message: `the body exceeds ${limit} bytes${why}` };
}

const isPublic = (channel: string) => isChannel(channel) && contract[channel].access === 'public';

export interface HttpShell {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface HttpShellOptions {
  host: string;
  port: number;
  rendererDir: string;
  log: Logger;
  /** The key of the session proofs (consoleSessionKey of the desk's data key). */
  sessionKey: Buffer;
}

/**
 * The headless shell's transport: POST /rpc/<channel> with a JSON body; the session in an
 * HttpOnly SameSite=Strict cookie together with a proof in the X-Desk-Session header (the cookie
 * alone reaches every local port, the proof only the console's page); requests accepted only
 * from the console's own origin on a loopback Host (which also defeats DNS rebinding). Bodies are
 * capped at 64 KiB until a session allowed to make the call is known, then 1 MiB, or 17 MiB on
 * the upload channels.
 */
export function startHttpShell(router: Router, options: HttpShellOptions): Promise<HttpShell> {
  if (options.sessionKey.length < 32) throw new Error('the session proof key must have at least 32 bytes');
  let cookieName = 'desk_session';

  /** A carrier that yields the cookie's token only with its proof beside it; it records what the call set or cleared. */
  function carrierFor(req: http.IncomingMessage) {
    const cookies: string[] = [];
    let proof: string | null | undefined;
    const carrier: SessionCarrier = {
      token: () => {
        const token = readCookie(req.headers.cookie, cookieName);
        return token && proofMatches(options.sessionKey, token, req.headers[SESSION_PROOF_HEADER]) ? token : null;
      },
      set: (token) => {
        cookies.push(`${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`);
        proof = sessionProof(options.sessionKey, token);
      },
      clear: () => {
        cookies.push(`${cookieName}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
        proof = null;
      },
    };
    return { carrier, cookies, proof: () => proof };
  }

  /** How large a body this call may have, or the refusal to send without reading it. */
  async function bodyLimit(req: http.IncomingMessage, channel: string, carrier: SessionCarrier): Promise<number | DeskErrorBody> {
    const declared = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
    if (declared !== null && declared <= ANONYMOUS_REQUEST_BYTES) return ANONYMOUS_REQUEST_BYTES;
    const refusal = await router.admit(channel, carrier);
    if (refusal) {
      if (declared === null) return ANONYMOUS_REQUEST_BYTES;
      // What the call itself would answer, except where the channel needs no session (signing in).
      return isPublic(channel) ? tooLarge(ANONYMOUS_REQUEST_BYTES) : refusal;
    }
    const limit = admittedBodyLimit(channel);
    return declared !== null && declared > limit ? tooLarge(limit) : limit;
  }

  async function handleRpc(req: http.IncomingMessage, res: http.ServerResponse, channel: string, origin: string) {
    if (req.method !== 'POST') return fail(res, 'UNKNOWN_CHANNEL', 'RPC calls are POST requests');
    if (req.headers.origin !== origin) return fail(res, 'BAD_ORIGIN', 'requests must come from the desk console itself');
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
      return fail(res, 'VALIDATION', 'the body must be JSON (Content-Type: application/json)');
    }
    const { carrier, cookies, proof } = carrierFor(req);
    const limit = await bodyLimit(req, channel, carrier);
    if (typeof limit !== 'number') return refuseUnread(req, res, limit);
    const body = await readBody(req, limit);
    if (body === 'too-large') return refuseUnread(req, res, tooLarge(limit));
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      return fail(res, 'VALIDATION', 'the body is not valid JSON');
    }
    const envelope: HttpEnvelope = await router.call(channel, input, carrier);
    const status = envelope.ok ? 200 : (STATUS[envelope.error.code] ?? 400);
    const deskSession = proof();
    send(res, status, deskSession === undefined ? envelope : { ...envelope, deskSession }, cookies.length ? { 'Set-Cookie': cookies } : {});
  }

  const server = http.createServer((req, res) => {
    const host = req.headers.host ?? '';
    const hostname = host.replace(/:\d+$/, '');
    if (!LOOPBACK_HOSTS.has(hostname)) return fail(res, 'BAD_ORIGIN', 'the desk answers on loopback addresses only');
    const origin = `http://${host}`;
    const target = parseRequestTarget(req.url, origin);
    if ('problem' in target) return fail(res, 'VALIDATION', target.problem);
    const { url } = target;
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
