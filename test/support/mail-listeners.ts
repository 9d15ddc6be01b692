import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAuthentication, type SMTPServerSession } from 'smtp-server';

/*
 * Real listeners on loopback for the notification tests: an SMTP server (smtp-server) that
 * keeps what it receives, and an HTTP server standing in for an SMS gateway. Each answers as
 * the test tells it, one answer per request in order.
 */

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** Headers with RFC 2047 words decoded, by lower-case name. */
  headers: Record<string, string>;
  /** The text part, transfer encoding undone. */
  text: string;
  auth: { username: string; password: string } | null;
}

/** An SMTP refusal: the code the server answers RCPT TO with (4xx: try later, 5xx: never). */
export type SmtpAnswer = 'accept' | { code: number; message: string };

export interface SmtpListener {
  port: number;
  mails: ReceivedMail[];
  /** Answers for the next messages, in order; once used up, messages are accepted. */
  answers: SmtpAnswer[];
  close(): Promise<void>;
}

function decodeWords(value: string): string {
  return value.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_w, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

export function parseMail(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  const body = raw.slice(split + 4);
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
        : body;
  return { headers, text };
}

/** A plain-text SMTP server on 127.0.0.1 (a local relay: no STARTTLS), optionally asking for a user and password. */
export async function startSmtpListener(options: { port?: number; user?: { username: string; password: string } } = {}): Promise<SmtpListener> {
  const mails: ReceivedMail[] = [];
  const answers: SmtpAnswer[] = [];
  const auths = new WeakMap<SMTPServerSession, { username: string; password: string }>();
  const server = new SMTPServer({
    disabledCommands: options.user ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !options.user,
    logger: false,
    onAuth(auth: SMTPServerAuthentication, session, callback) {
      const wanted = options.user;
      if (!wanted || auth.username !== wanted.username || auth.password !== wanted.password) {
        return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      }
      auths.set(session, { username: auth.username!, password: auth.password! });
      callback(null, { user: auth.username });
    },
    onRcptTo(_address, _session, callback) {
      const answer = answers.shift() ?? 'accept';
      if (answer === 'accept') return callback();
      callback(Object.assign(new Error(answer.message), { responseCode: answer.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...parseMail(raw),
          auth: auths.get(session) ?? null,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, answers, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface GatewayRequest {
  method: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface GatewayListener {
  url: string;
  requests: GatewayRequest[];
  /** Status codes for the next requests, in order; once used up, 200. */
  statuses: number[];
  close(): Promise<void>;
}

/** A stand-in SMS gateway on 127.0.0.1: keeps every request, answers the next status of its list. */
export async function startGatewayListener(): Promise<GatewayListener> {
  const requests: GatewayRequest[] = [];
  const statuses: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = statuses.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status < 300 ? { ok: true } : { ok: false, error: `refused with ${status}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms/send`,
    requests,
    statuses,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
