import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAuditRows } from '../../src/main/audit/audit-repository';
import { countStaff } from '../../src/main/operators/staff-repository';
import { type HttpShell, startHttpShell } from '../../src/main/rpc/http-transport';
import { consoleSessionKey } from '../../src/main/rpc/session-proof';
import { MAX_REQUEST_BYTES } from '../../src/shared/limits';
import { type TestDesk, openTestDesk, tempDir } from '../support/desk-fixture';

let t: TestDesk;
let shell: HttpShell;
let origin: string;

beforeAll(async () => {
  // A first run: the tests sign in with its one-time password over HTTP.
  t = await openTestDesk(undefined, { fresh: true });
  const rendererDir = tempDir('renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>desk</title>');
  shell = await startHttpShell(t.desk.router, { host: '127.0.0.1', port: 0, rendererDir, log: t.desk.log, sessionKey: consoleSessionKey(t.desk.dataKey) });
  origin = shell.url.replace(/\/$/, '');
});
afterAll(async () => {
  await shell.close();
  await t.close();
});

function rpc(channel: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${origin}/rpc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function auditCount(): Promise<number> {
  return countAuditRows(t.desk.db.reader, {});
}

describe('the loopback HTTP transport', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and never puts the token in the body', async () => {
    const res = await rpc('auth.signIn', { username: 'admin', password: t.desk.firstRun!.oneTimePassword, desk: 'minhang' });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^desk_session_\d+=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\//);
    const token = /=([\w-]+);/.exec(cookie)![1]!;
    const text = await res.text();
    expect(text).not.toContain(token);
    const { deskSession } = JSON.parse(text) as { deskSession: string };
    const session = await rpc('auth.session', {}, { cookie: cookie.split(';')[0]!, 'x-desk-session': deskSession });
    expect(((await session.json()) as { value: { stage: string } }).value.stage).toBe('password_change');
  });

  it('refuses requests from another origin or without one, and non-loopback Host headers', async () => {
    expect((await rpc('auth.session', {}, { origin: 'http://evil.example' })).status).toBe(403);
    const noOrigin = await fetch(`${origin}/rpc/auth.session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noOrigin.status).toBe(403);
    expect(((await noOrigin.json()) as { error: { code: string } }).error.code).toBe('BAD_ORIGIN');
    const rebinding = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${origin}/rpc/auth.session`, {
        method: 'POST',
        headers: { host: 'attacker.example', origin: 'http://attacker.example', 'content-type': 'application/json' },
      });
      req.on('response', (res) => resolve(res.statusCode!));
      req.on('error', reject);
      req.end('{}');
    });
    expect(rebinding).toBe(403);
  });

  it('answers bad input with a specific error and writes nothing', async () => {
    const before = await auditCount();
    const staffBefore = await countStaff(t.desk.db.reader);
    const bad = await rpc('auth.signIn', { username: 'admin', password: 'x', desk: 'pudong', extra: 1 });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; fields: { path: string }[] } };
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.fields.map((f) => f.path).sort()).toEqual(['(input)', 'desk']);
    expect((await rpc('auth.signIn', '{not json')).status).toBe(400);
    expect((await rpc('auth.signIn', {}, { 'content-type': 'text/plain' })).status).toBe(400);
    expect((await rpc('no.suchChannel', {})).status).toBe(404);
    expect((await rpc('constructor', {})).status).toBe(404);
    expect((await rpc('__proto__', {})).status).toBe(404);
    expect(await auditCount()).toBe(before);
    expect(await countStaff(t.desk.db.reader)).toBe(staffBefore);
  });

  it('caps the request body', async () => {
    const res = await rpc('auth.signIn', { username: 'a'.repeat(MAX_REQUEST_BYTES + 1), password: 'x', desk: 'minhang' });
    expect(res.status).toBe(413);
  });

  it('serves the console with a strict CSP and keeps paths inside the renderer directory', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const escape = await fetch(`${origin}/..%2f..%2f..%2fetc%2fpasswd`);
    expect(await escape.text()).toContain('<title>desk</title>');
  });

  it('reports an internal error without a stack trace', async () => {
    const res = await rpc('auth.signIn', { username: 'admin', password: 'x'.repeat(128), desk: 'minhang' });
    const text = await res.text();
    expect(text).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
  });
});
