import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PortalServer, startPortal } from '../../src/main/portal/portal-server';
import { type TestDesk, type cookieJar, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';

let t: TestDesk;
let portal: PortalServer;
let origin: string;
let jar: ReturnType<typeof cookieJar>;

beforeAll(async () => {
  t = await openTestDesk();
  jar = (await signInFirstAdmin(t)).jar;
  portal = await startPortal(t.desk, { host: '127.0.0.1', port: 0, clock: () => t.clock.now });
  origin = portal.url.replace(/\/$/, '');
});
afterAll(async () => {
  await portal.close();
  await t.close();
});

async function register(number: string, documentNumber: string) {
  return t.call(
    'accounts.register',
    {
      realName: '林一',
      category: 'alumni',
      number,
      department: '人文学院',
      documentType: 'passport',
      documentNumber,
      mobile: '13900002222',
      documentChecked: true,
    },
    jar,
  );
}

function post(form: Record<string, string>, headers: Record<string, string> = { origin }) {
  return fetch(`${origin}/activate?lang=en`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });
}

describe('the activation page', () => {
  it('lets the person choose username and password with the code, once', async () => {
    const { account, activationCode } = await register('510000001', 'E11112222');
    const page = await fetch(`${origin}/activate?lang=zh-CN`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const text = await page.text();
    expect(text).toContain('<html lang="zh-CN">');
    expect(text).toContain('激活码');

    const mismatch = await post({ code: activationCode, username: 'linyi', password: 'Harbour lights 42', password2: 'other' });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('The two passwords differ.');

    const weak = await post({ code: activationCode, username: 'linyi', password: 'linyi-2026-x', password2: 'linyi-2026-x' });
    expect(await weak.text()).toContain('The password must not contain the username.');

    const ok = await post({ code: activationCode.toLowerCase(), username: 'LinYi', password: 'Harbour lights 42', password2: 'Harbour lights 42' });
    expect(ok.status).toBe(200);
    const done = await ok.text();
    expect(done).toContain('Your jAccount username is linyi');
    expect(done).not.toContain('Harbour lights 42');

    const card = await t.call('accounts.get', { id: account.id }, jar);
    expect(card).toMatchObject({ username: 'linyi', status: 'active', diagnosis: { code: 'pending_activation' } });
    t.clock.advance(5 * 60_000);
    expect((await t.call('accounts.get', { id: account.id }, jar)).diagnosis.code).toBe('ok');

    const again = await post({ code: activationCode, username: 'linyi2', password: 'Harbour lights 42', password2: 'Harbour lights 42' });
    expect(await again.text()).toContain('The activation code is wrong, expired or already used.');
    const history = await t.call('audit.list', { filter: { action: 'account.activate' }, page: 1, pageSize: 10 }, jar);
    expect(history.entries).toEqual([expect.objectContaining({ actor: 'self:linyi', target: `account:${account.id}` })]);
  });

  it('refuses a taken username and an expired code, keeps what was typed but never the password', async () => {
    const first = await register('510000002', 'E33334444');
    const second = await register('510000003', 'E55556666');
    await post({ code: first.activationCode, username: 'taken.name', password: 'Winter river 2026!', password2: 'Winter river 2026!' });
    const taken = await post({ code: second.activationCode, username: 'Taken.Name', password: 'Winter river 2026!', password2: 'Winter river 2026!' });
    const text = await taken.text();
    expect(text).toContain('This username is already taken.');
    expect(text).toContain('value="Taken.Name"');
    expect(text).not.toContain('Winter river 2026!');
    t.clock.advance(24 * 3600_000 + 1);
    const expired = await post({ code: second.activationCode, username: 'fresh.name', password: 'Winter river 2026!', password2: 'Winter river 2026!' });
    expect(await expired.text()).toContain('The activation code is wrong, expired or already used.');
  });

  it('accepts forms only from its own origin and escapes what it echoes', async () => {
    const foreign = await post({ code: 'x', username: 'y', password: 'z', password2: 'z' }, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const echoed = await post({ code: '"><script>alert(1)</script>', username: '<b>x</b>', password: 'p', password2: 'p' });
    const text = await echoed.text();
    expect(text).not.toContain('<script>alert(1)</script>');
    expect(text).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('slows down code guessing from one source', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await post({ code: `WRONG-CODE-${i}`, username: 'guesser', password: 'Guessing game 2026', password2: 'Guessing game 2026' });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(10);
    expect(statuses.at(-1)).toBe(429);
  });
});
