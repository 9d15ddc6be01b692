import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAccountSignIn } from '../../src/main/accounts/account-sign-in';
import { openNotificationParams } from '../../src/main/notify/outbox';
import { listNotifications } from '../../src/main/notify/outbox-repository';
import { type PortalServer, startPortal } from '../../src/main/portal/portal-server';
import { ADMIN_PASSWORD, type TestDesk, type cookieJar, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';
import { allNotifications } from '../support/readers';
import { activeAccount } from '../support/token-service-fixture';

/*
 * The recovery pages over real HTTP on loopback: the same answer whether or not the details
 * match, the code from the outbox, the password rules in both languages, the counter code,
 * the username reminder, and the per-source limit.
 */

let t: TestDesk;
let portal: PortalServer;
let origin: string;
let jar: ReturnType<typeof cookieJar>;
let accountId: number;
const PASSWORD = 'Lotus pond at dawn 88';

beforeAll(async () => {
  t = await openTestDesk();
  jar = (await signInFirstAdmin(t)).jar;
  await activeAccount(t, jar, { username: 'linyi', password: PASSWORD, number: '510000001', documentNumber: 'E11112222', email: 'linyi@example.edu.cn' });
  await t.call('auth.unlock', { password: ADMIN_PASSWORD }, jar);
  accountId = (await t.call('accounts.diagnose', { username: 'linyi' }, jar)).account!.id;
  portal = await startPortal(t.desk, { host: '127.0.0.1', port: 0, clock: () => t.clock.now });
  origin = portal.url.replace(/\/$/, '');
});
afterAll(async () => {
  await portal.close();
  await t.close();
});

async function post(path: string, form: Record<string, string>, headers: Record<string, string> = { origin }) {
  const res = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });
  return { status: res.status, text: await res.text() };
}

async function lastMessage(template: string) {
  const row = (await allNotifications(t.desk.db.reader)).filter((n) => n.template === template).at(-1);
  return row ? openNotificationParams(t.desk.dataKey, row.params_sealed) : null;
}

const queued = async () => (await listNotifications(t.desk.db.reader, {}, 1, 1)).total;

describe('the recovery pages', () => {
  it('are linked from the activation page and switch language', async () => {
    const activate = await (await fetch(`${origin}/activate?lang=en`)).text();
    expect(activate).toContain('href="/recover?lang=en"');
    expect(activate).toContain('href="/recover/username?lang=en"');
    expect(activate).toContain('href="/recover/counter?lang=en"');
    const zh = await fetch(`${origin}/recover?lang=zh-CN`);
    expect(zh.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await zh.text()).toContain('绑定的手机号或电子邮箱');
    expect((await post('/recover?lang=en', { username: 'linyi', contact: '13900001111' }, { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('answer a forgot-password request the same whether or not it matches, and reset with the code', async () => {
    const before = await queued();
    const miss = await post('/recover?lang=en', { username: 'linyi', contact: '13900009999' });
    const unknown = await post('/recover?lang=en', { username: 'linyi', contact: 'nobody@example.edu.cn' });
    expect(await queued()).toBe(before);
    const hit = await post('/recover?lang=en', { username: 'linyi', contact: '13900001111' });
    expect(await queued()).toBe(before + 1);
    expect(hit).toEqual(miss);
    expect(unknown.status).toBe(200);
    expect(hit.text).toContain('If the username and the contact match, a code has been sent');
    const { code } = (await lastMessage('password_reset_code'))!;

    const reset = (form: Record<string, string>, lang = 'en') => post(`/recover/reset?lang=${lang}`, { username: 'linyi', ...form });
    const mismatch = await reset({ resetCode: code!, password: 'Maple leaves in autumn 31', password2: 'other' });
    expect(mismatch.text).toContain('The two passwords differ.');
    expect((await reset({ resetCode: code!, password: 'qwertyuiop[]', password2: 'qwertyuiop[]' }, 'zh-CN')).text).toContain('密码过于常见');
    expect((await reset({ resetCode: code!, password: '1qaz2wsx3edc4rfv', password2: '1qaz2wsx3edc4rfv' }, 'zh-CN')).text).toContain('键盘上相邻的按键');
    expect((await reset({ resetCode: code!, password: 'Linyi-garden-2026', password2: 'Linyi-garden-2026' })).text).toContain('must not contain the username');
    const wrong = await reset({ resetCode: code === '123456' ? '654321' : '123456', password: 'Maple leaves in autumn 31', password2: 'Maple leaves in autumn 31' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('The code is wrong, expired or already used.');

    const done = await reset({ resetCode: code!, password: 'Maple leaves in autumn 31', password2: 'Maple leaves in autumn 31' });
    expect(done.status).toBe(200);
    expect(done.text).toContain('The password of linyi has been changed');
    expect(done.text).not.toContain('Maple leaves');
    expect((await checkAccountSignIn(t.desk, { username: 'linyi', password: 'Maple leaves in autumn 31', source: 'test' }, t.clock.now)).outcome).toBe('success');
    expect((await reset({ resetCode: code!, password: 'Another quiet evening 77', password2: 'Another quiet evening 77' })).text).toContain(
      'The code is wrong, expired or already used.',
    );
  });

  it('set a password with the counter code, once', async () => {
    await t.call('recovery.recordIdCheck', { id: accountId, documentType: 'passport', hiddenCharacters: 'E1111' }, jar);
    const { code } = await t.call('recovery.issueCounterCode', { id: accountId, minutes: 20, replaceOpen: false }, jar);
    const page = await (await fetch(`${origin}/recover/counter?lang=zh-CN`)).text();
    expect(page).toContain('重置码');
    const form = { username: 'LinYi', counterCode: code.toLowerCase(), password: 'Winter river 2026!', password2: 'Winter river 2026!' };
    const done = await post('/recover/counter?lang=zh-CN', form);
    expect(done.status).toBe(200);
    expect(done.text).toContain('linyi 的密码已更新');
    const again = await post('/recover/counter?lang=zh-CN', form);
    expect(again.text).toContain('重置码错误、已过期或已使用。');
    expect((await lastMessage('password_changed'))!.username).toBe('linyi');
  });

  it('send a forgotten username to the bound contacts only, with the same answer either way', async () => {
    const before = await queued();
    const miss = await post('/recover/username?lang=en', { realName: '张晓明', documentType: 'passport', documentNumber: 'E11112223' });
    const hit = await post('/recover/username?lang=en', { realName: '张晓明', documentType: 'passport', documentNumber: 'E11112222' });
    expect(hit).toEqual(miss);
    expect(hit.text).toContain('If the details match an account');
    expect(hit.text).not.toContain('linyi');
    expect(await queued()).toBe(before + 2);
    expect((await lastMessage('username_reminder'))!.username).toBe('linyi');
  });

  it('slow down one source that asks for too many codes', async () => {
    // Five requests so far from this source in the window (three for codes, two for usernames): the sixth is refused, matching or not.
    const before = await queued();
    const refused = await post('/recover?lang=en', { username: 'linyi', contact: '13900001111' });
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Too many attempts');
    expect(await queued()).toBe(before);
    t.clock.advance(15 * 60_000);
    expect((await post('/recover?lang=en', { username: 'linyi', contact: '13900001111' })).status).toBe(200);
    expect(await queued()).toBe(before + 1);
  });
});
