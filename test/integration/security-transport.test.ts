import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAuditRows } from '../../src/main/audit/audit-repository';
import { findStaff } from '../../src/main/operators/staff-repository';
import { type PortalServer, startPortal } from '../../src/main/portal/portal-server';
import { type HttpShell, startHttpShell } from '../../src/main/rpc/http-transport';
import { consoleSessionKey, sessionProof } from '../../src/main/rpc/session-proof';
import { ANONYMOUS_REQUEST_BYTES, SIGNED_IN_REQUEST_BYTES } from '../../src/shared/limits';
import { type TestDesk, openTestDesk, signInFirstAdmin, tempDir } from '../support/desk-fixture';
import { signedInStaff } from '../support/key-admins';
import { totpNow } from '../support/totp';

/**
 * The review's transport findings, reproduced over real HTTP against both servers: a console
 * session cookie replayed without the page's proof (7), malformed request targets (9), and
 * bodies before a session is known (10).
 */

let t: TestDesk;
let shell: HttpShell;
let portal: PortalServer;
let origin: string;
let cookieName: string;
let key: Buffer;
let admin: { cookie: string; proof: string };

beforeAll(async () => {
  t = await openTestDesk();
  const rendererDir = tempDir('renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>desk</title>');
  key = consoleSessionKey(t.desk.dataKey);
  shell = await startHttpShell(t.desk.router, { host: '127.0.0.1', port: 0, rendererDir, log: t.desk.log, sessionKey: key });
  portal = await startPortal(t.desk, { host: '127.0.0.1', port: 0, clock: () => t.clock.now });
  origin = shell.url.replace(/\/$/, '');
  cookieName = `desk_session_${shell.port}`;
});
afterAll(async () => {
  await portal?.close();
  await shell?.close();
  await t?.close();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: { ok: boolean; value?: unknown; error?: { code: string; message: string }; deskSession?: string | null };
}

/** One request on a fresh connection, with exactly the target and headers given (fetch would normalize both). */
function raw(base: string, target: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: target, method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json = {} as Answer['json'];
          try {
            json = JSON.parse(text) as Answer['json'];
          } catch {
            // not JSON: a page or plain text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function rpc(channel: string, input: unknown, headers: Record<string, string> = {}) {
  const body = typeof input === 'string' ? input : JSON.stringify(input);
  return raw(origin, `/rpc/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', origin, ...headers }, body });
}

/** The headers of the first admin's console page: the cookie and the proof beside it. */
async function adminHeaders() {
  if (!admin) {
    const { jar } = await signInFirstAdmin(t);
    const token = jar.token()!;
    admin = { cookie: `${cookieName}=${token}`, proof: sessionProof(key, token) };
  }
  return { cookie: admin.cookie, 'x-desk-session': admin.proof };
}

/**
 * Sends the headers and the first `sent` bytes of a body declared `declared` bytes long, and
 * waits for the answer without sending the rest: only a server that answers before reading the
 * whole body ever answers.
 */
function answeredUnread(channel: string, declared: number, headers: Record<string, string> = {}): Promise<{ status: number; code: string }> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: url.hostname,
      port: url.port,
      path: `/rpc/${channel}`,
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', origin, 'content-length': String(declared), ...headers },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error: { code: string } };
        resolve({ status: res.statusCode!, code: body.error.code });
        req.destroy();
      });
    });
    req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
    req.write(`{"fileName":"x.csv","dryRun":true,"contentBase64":"${'A'.repeat(ANONYMOUS_REQUEST_BYTES)}`);
  });
}

function auditCount(): Promise<number> {
  return countAuditRows(t.desk.db.reader, {});
}

describe('7: the console session cookie alone is not a session', () => {
  it('over HTTP, the page gets a proof with its session and every call needs it beside the cookie', async () => {
    const second = await openTestDesk(undefined, { fresh: true });
    const secondShell = await startHttpShell(second.desk.router, {
      host: '127.0.0.1',
      port: 0,
      rendererDir: tempDir('renderer-'),
      log: second.desk.log,
      sessionKey: consoleSessionKey(second.desk.dataKey),
    });
    try {
      const base = secondShell.url.replace(/\/$/, '');
      const call = (channel: string, input: unknown, headers: Record<string, string> = {}) =>
        raw(base, `/rpc/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base, ...headers }, body: JSON.stringify(input) });
      const signIn = await call('auth.signIn', { username: 'admin', password: second.desk.firstRun!.oneTimePassword, desk: 'minhang' });
      expect(signIn.status).toBe(200);
      const setCookie = ([] as string[]).concat(signIn.headers['set-cookie'] ?? []);
      const cookie = setCookie[0]!.split(';')[0]!;
      const token = cookie.split('=')[1]!;
      const proof = signIn.json.deskSession!;
      expect(proof).toMatch(/^[\w-]{43}$/);
      expect(proof).not.toBe(token);
      expect(signIn.text).not.toContain(token);

      // The page carries on with both; the sign-in steps need them too.
      const changed = await call('auth.changePassword', { currentPassword: second.desk.firstRun!.oneTimePassword, newPassword: 'Counter-Desk-Strong-2026' }, { cookie, 'x-desk-session': proof });
      expect(changed.json).toMatchObject({ ok: true, value: { stage: 'totp_enroll' } });
      const begun = await call('auth.totpEnrollBegin', {}, { cookie, 'x-desk-session': proof });
      const { secret } = begun.json.value as { secret: string };
      const done = await call('auth.totpEnrollConfirm', { code: totpNow(secret, second.clock.now.getTime()) }, { cookie, 'x-desk-session': proof });
      expect(done.json).toMatchObject({ ok: true, value: { stage: 'active' } });
      expect((await call('staff.list', {}, { cookie, 'x-desk-session': proof })).status).toBe(200);

      // Another local program's page got the cookie (cookies ignore ports) and replays it with a forged Origin.
      const stolen = await call('auth.session', {}, { cookie });
      expect(stolen.json).toEqual({ ok: true, value: null });
      const acting = await call('staff.list', {}, { cookie });
      expect(acting.status).toBe(401);
      expect(acting.json.error?.code).toBe('UNAUTHENTICATED');
      for (const wrong of ['', 'x', sessionProof(consoleSessionKey(second.desk.dataKey), `${token}x`), sessionProof(key, token), `${proof.slice(0, -1)}${proof.endsWith('A') ? 'B' : 'A'}`, proof.slice(1)]) {
        const guessed = await call('staff.create', { username: 'mallory', displayName: 'M', roles: ['system_admin'] }, { cookie, 'x-desk-session': wrong });
        expect(guessed.json.error?.code, `proof "${wrong}"`).toBe('UNAUTHENTICATED');
      }
      expect(await findStaff(second.desk.db.reader, { username: 'mallory' })).toBeUndefined();

      // The proof without the cookie is nothing either.
      expect((await call('auth.session', {}, { 'x-desk-session': proof })).json).toEqual({ ok: true, value: null });

      // Signing out clears both; the proof of an ended session opens nothing.
      const out = await call('auth.signOut', {}, { cookie, 'x-desk-session': proof });
      expect(out.json).toMatchObject({ ok: true, deskSession: null });
      expect(([] as string[]).concat(out.headers['set-cookie'] ?? [])[0]).toMatch(/Max-Age=0/);
      expect((await call('auth.session', {}, { cookie, 'x-desk-session': proof })).json).toEqual({ ok: true, value: null });
    } finally {
      await secondShell.close();
      await second.close();
    }
  });

  it('answers without a proof in the body when no session started or ended', async () => {
    const answer = await rpc('auth.session', {}, await adminHeaders());
    expect(answer.json.ok).toBe(true);
    expect('deskSession' in answer.json).toBe(false);
  });

  it('refuses to start without a key for the proofs', () => {
    expect(() =>
      startHttpShell(t.desk.router, { host: '127.0.0.1', port: 0, rendererDir: tempDir(), log: t.desk.log, sessionKey: Buffer.alloc(0) }),
    ).toThrow(/session proof key/);
  });
});

describe('9: malformed request targets answer 400, on every server', () => {
  const MALFORMED = ['/%', '/%zz', '/a%', '/%C0', '/%E4%B8', '/?q=%', '/?q=%G1'];

  it('the console: its static files and its RPC routes, without a stack trace in the log', async () => {
    const logged = t.logs.length;
    for (const target of [...MALFORMED, '/rpc/%', '/assets/%', '/index.html?%']) {
      const answer = await raw(origin, target);
      expect(answer.status, target).toBe(400);
      expect(answer.json.error?.code, target).toBe('VALIDATION');
      expect(answer.json.error?.message, target).toMatch(/percent-encoding/);
    }
    const post = await rpc('%', {}, await adminHeaders());
    expect(post.status).toBe(400);
    expect(t.logs.slice(logged).filter((line) => /unhandled|URIError|stack/.test(line))).toEqual([]);
  });

  it('the end-user pages and the token service\'s routes', async () => {
    const logged = t.logs.length;
    const routes = ['/activate', '/recover', '/code', '/interaction/abc', '/interaction/abc/login', '/auth', '/token', '/jwks', '/me', '/.well-known/openid-configuration', '/session/end'];
    for (const target of [...MALFORMED, ...routes.map((r) => `${r}%`), ...routes.map((r) => `${r}/%zz`), ...routes.map((r) => `${r}?x=%`)]) {
      for (const method of ['GET', 'POST']) {
        const answer = await raw(portal.url, target, { method, headers: { origin: portal.issuer, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
        expect(answer.status, `${method} ${target}`).toBe(400);
        expect(answer.text, `${method} ${target}`).toMatch(/^Bad request: the (path|query) has a malformed percent-encoding/);
      }
    }
    expect(t.logs.slice(logged).filter((line) => /unhandled|URIError|stack/.test(line))).toEqual([]);
  });

  it('a target that is not a path is refused, and neither server falls over', async () => {
    for (const base of [origin, portal.url]) {
      for (const target of ['//', '//evil.example/x', '*', 'http://127.0.0.1/']) {
        const answer = await raw(base, target);
        expect([400, 200, 404], `${base} ${target}`).toContain(answer.status);
        expect(answer.status, `${base} ${target}`).toBeLessThan(500);
      }
      // Still serving: "//" is an empty first segment, not another host, and nothing crashed.
      expect((await raw(base, '/')).status).toBeLessThan(400);
    }
    expect((await raw(origin, '*')).status).toBe(400);
    expect((await raw(portal.url, 'http://127.0.0.1/')).status).toBe(400);
  });

  it('well-formed escapes still work', async () => {
    expect((await raw(origin, '/%E4%B8%AD')).text).toContain('<title>desk</title>');
    expect((await raw(portal.url, '/activate?lang=en&code=AB%2DCD')).status).toBe(200);
  });
});

describe('10: bodies are small until a session allowed to make the call is known', () => {
  it('a caller without a session is answered before a large body is read, however large it says it is', async () => {
    const before = await auditCount();
    expect(await answeredUnread('accounts.import', 16 * 1024 * 1024)).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await answeredUnread('registry.import', 16 * 1024 * 1024)).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    // Signing in needs no session: there the answer is the cap itself.
    expect(await answeredUnread('auth.signIn', 16 * 1024 * 1024)).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    // The cookie without its proof is no session.
    const { cookie } = await adminHeaders();
    expect(await answeredUnread('accounts.import', 16 * 1024 * 1024, { cookie })).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await auditCount()).toBe(before);
  }, 20_000);

  it('64 KiB is all a caller without a session may send, to any channel', async () => {
    const over = 'x'.repeat(ANONYMOUS_REQUEST_BYTES);
    const signIn = await rpc('auth.signIn', { username: over, password: 'x', desk: 'minhang' });
    expect(signIn.status).toBe(413);
    expect(signIn.json.error?.message).toMatch(/exceeds 65536 bytes .*signed-in session/);
    // Chunked, with no length declared: counted as it arrives.
    const chunked = await raw(origin, '/rpc/auth.signIn', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, 'transfer-encoding': 'chunked' },
      body: JSON.stringify({ username: over, password: 'x', desk: 'minhang' }),
    });
    expect(chunked.status).toBe(413);
    // Under the cap, the call is made and refused on its merits.
    const under = await rpc('auth.signIn', { username: 'x'.repeat(ANONYMOUS_REQUEST_BYTES - 100), password: 'x', desk: 'minhang' });
    expect(under.json.error?.code).toBe('VALIDATION');
  });

  it('a session allowed to call a channel may send up to 1 MiB, and more only on the upload channels', async () => {
    const headers = await adminHeaders();
    // A signed-in call over 64 KiB is read and judged (an unknown field here), not capped.
    const medium = await rpc('staff.list', { pad: 'x'.repeat(ANONYMOUS_REQUEST_BYTES * 2) }, headers);
    expect(medium.json.error?.code).toBe('VALIDATION');
    const large = await rpc('staff.list', { pad: 'x'.repeat(SIGNED_IN_REQUEST_BYTES) }, headers);
    expect(large.status).toBe(413);
    expect(large.json.error?.message).toMatch(/exceeds 1048576 bytes/);
    // The registrar import takes its file: 2 MiB reaches the channel (refused for its empty name, after reading).
    const upload = await rpc('accounts.import', { fileName: '', contentBase64: 'A'.repeat(2 * SIGNED_IN_REQUEST_BYTES), dryRun: true }, headers);
    expect(upload.status).toBe(400);
    expect(upload.json.error?.code).toBe('VALIDATION');
    expect(upload.json.error?.message).toMatch(/fileName/);
  });

  it('a session without the channel\'s permission, or a locked one, gets the refusal before its large body is read', async () => {
    const headers = await adminHeaders();
    const adminJar = { token: () => admin.cookie.split('=')[1]!, set: () => undefined, clear: () => undefined };
    const { jar } = await signedInStaff(t, adminJar, 'audrey', ['auditor']);
    const auditor = { cookie: `${cookieName}=${jar.token()}`, 'x-desk-session': sessionProof(key, jar.token()!) };
    expect(await answeredUnread('accounts.import', 16 * 1024 * 1024, auditor)).toEqual({ status: 403, code: 'FORBIDDEN' });
    await rpc('auth.lock', {}, headers);
    try {
      expect(await answeredUnread('accounts.import', 16 * 1024 * 1024, headers)).toEqual({ status: 423, code: 'SESSION_LOCKED' });
    } finally {
      await t.call('auth.unlock', { password: 'Counter-Desk-Strong-2026' }, adminJar);
    }
  }, 30_000);

  it('the end-user pages keep their small form cap', async () => {
    const form = `code=${'A'.repeat(20 * 1024)}`;
    const answer = await raw(portal.url, '/activate', {
      method: 'POST',
      headers: { origin: portal.issuer, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(answer.status).toBe(413);
  });
});
