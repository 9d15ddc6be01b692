import fc from 'fast-check';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PortalServer, startPortal } from '../../src/main/portal/portal-server';
import { type HttpShell, startHttpShell } from '../../src/main/rpc/http-transport';
import { consoleSessionKey, sessionProof } from '../../src/main/rpc/session-proof';
import { contract } from '../../src/shared/contract';
import { ADMIN_PASSWORD, TEST_PASSPHRASE, type TestDesk, openTestDesk, signInFirstAdmin, tempDir } from '../support/desk-fixture';

/**
 * Random and malformed HTTP requests against both servers: the console (RPC over HTTP and its
 * static files) and the end-user pages with the token service. No answer may be a 5xx, carry
 * a stack trace or a secret; refused requests write nothing to the store.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 40) * 25;
const STACK = /\bat [\w$.<>]+ \(|node:internal|\.[cm]?[jt]s:\d+:\d+/;
const SECRETS = [TEST_PASSPHRASE, ADMIN_PASSWORD, '"d":"', 'private_key_sealed'];

let t: TestDesk;
let shell: HttpShell;
let portal: PortalServer;
let cookie = '';
let proof = '';
let tried = 0;
const statuses = new Map<number, number>();

beforeAll(async () => {
  t = await openTestDesk();
  const { jar } = await signInFirstAdmin(t);
  const rendererDir = tempDir('renderer-');
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>desk</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  const sessionKey = consoleSessionKey(t.desk.dataKey);
  shell = await startHttpShell(t.desk.router, { host: '127.0.0.1', port: 0, rendererDir, log: t.desk.log, sessionKey });
  portal = await startPortal(t.desk, { host: '127.0.0.1', port: 0, clock: () => t.clock.now });
  cookie = `desk_session_${new URL(shell.url).port}=${jar.token()}`;
  proof = sessionProof(sessionKey, jar.token()!);
}, 60_000);
afterAll(async () => {
  const answers = [...statuses.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ');
  console.log(`fuzz-http: ${tried} requests; statuses ${answers}`);
  await portal?.close();
  await shell?.close();
  await t?.close();
});

interface Request {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

function send(base: string, r: Request): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method: r.method, path: r.path, headers: r.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body);
  });
}

const junk = fc.oneof(fc.string({ maxLength: 30 }), fc.webSegment(), fc.constantFrom('%00', '%ff', '..%2f..%2fetc%2fpasswd', '%E4%B8%AD', '<script>', "' OR 1=1 --"));
const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom('lang', 'code', 'client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'ui_locales', 'username'), fc.webSegment()), junk), { maxLength: 4 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : ''));
const body = fc.oneof(
  fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v))),
  fc.dictionary(fc.constantFrom('code', 'username', 'password', 'password2', 'contact', 'grant_type', 'client_id', 'client_secret', 'token', 'documentNumber', 'realName', 'prompt'), junk)
    .map((d) => Buffer.from(new URLSearchParams(d).toString())),
);

function requests(paths: fc.Arbitrary<string>, origin: string) {
  return fc.record({
    method: fc.constantFrom('GET', 'POST', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'),
    path: fc.tuple(paths, query).map(([p, q]) => `${p}${q}`),
    headers: fc.record(
      {
        'content-type': fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', ''),
        origin: fc.constantFrom(origin, 'http://evil.example', 'null'),
        cookie: fc.oneof(fc.constant(cookie), junk.map((j) => `desk_session=${encodeURIComponent(j)}`)),
        'x-desk-session': fc.oneof(fc.constant(proof), junk.map((j) => encodeURIComponent(j))),
        authorization: fc.oneof(junk.map((j) => `Basic ${Buffer.from(j).toString('base64')}`), junk.map((j) => `Bearer ${encodeURIComponent(j)}`)),
      },
      { requiredKeys: [] },
    ),
    body,
  });
}

async function check(base: string, r: Request) {
  tried++;
  const commits = t.desk.db.commitCount;
  const res = await send(base, r);
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  const where = `${r.method} ${r.path} -> ${res.status}: ${res.body.slice(0, 200)}`;
  expect(res.status, where).toBeLessThan(500);
  expect(res.body, where).not.toMatch(STACK);
  for (const secret of SECRETS) expect(res.body, where).not.toContain(secret);
  if (res.status === 400 || res.status === 403 || res.status === 413) expect(t.desk.db.commitCount, `${where} wrote`).toBe(commits);
}

describe('fuzzing the HTTP endpoints', () => {
  it('the console: RPC over HTTP and its static files', async () => {
    const origin = shell.url.replace(/\/$/, '');
    const paths = fc.oneof(
      fc.constantFrom(...Object.keys(contract)).map((c) => `/rpc/${c}`),
      junk.map((j) => `/rpc/${encodeURIComponent(j)}`),
      fc.constantFrom('/', '/index.html', '/assets/app.js', '/assets/../index.html', '/%2e%2e/%2e%2e/etc/passwd', '/rpc', '/rpc/'),
      junk.map((j) => `/${encodeURIComponent(j)}`),
    );
    await fc.assert(fc.asyncProperty(requests(paths, origin), (r) => check(shell.url, r)), { numRuns: RUNS, seed: 20261128 });
  }, 300_000);

  it('the end-user pages and the token service', async () => {
    const origin = portal.issuer;
    const paths = fc.oneof(
      fc.constantFrom(
        '/', '/portal.css', '/activate', '/recover', '/recover/reset', '/recover/counter', '/recover/username', '/code', '/code/current',
        '/code/sign-in', '/code/sign-out', '/auth', '/token', '/me', '/jwks', '/token/introspection', '/token/revocation', '/session/end',
        '/.well-known/openid-configuration', '/interaction/abc', '/interaction/abc/login', '/interaction/abc/confirm',
      ),
      junk.map((j) => `/${encodeURIComponent(j)}`),
      junk.map((j) => `/interaction/${encodeURIComponent(j)}/login`),
    );
    await fc.assert(fc.asyncProperty(requests(paths, origin), (r) => check(portal.url, r)), { numRuns: RUNS, seed: 20261128 });
  }, 300_000);
});
