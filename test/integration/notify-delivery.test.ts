import { afterEach, describe, expect, it } from 'vitest';
import { RETRY_DELAYS_MS } from '../../src/main/notify/backoff';
import { type GatewayListener, type SmtpListener, startGatewayListener, startSmtpListener } from '../support/mail-listeners';
import { ACTIVATION, type NotifyDesk, configure, openNotifyDesk, paramsOf, queue, row } from './notify-helpers';

/*
 * The dispatcher against real listeners on loopback: an SMTP server (smtp-server) and an HTTP
 * SMS gateway (node:http). The desk's clock is the test's; the jitter is fixed at the middle.
 */

let n: NotifyDesk;
const listeners: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await n?.t.close();
  await Promise.all(listeners.splice(0).map((l) => l.close()));
});

async function smtpDesk(smtp: SmtpListener, extra = {}) {
  n = await openNotifyDesk();
  await configure(n, { emailAdapter: 'smtp', smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecurity: 'none', smtpFrom: 'jaccount@sjtu.edu.cn', ...extra });
  return n;
}

async function smsDesk(gateway: GatewayListener) {
  n = await openNotifyDesk();
  await configure(n, {
    smsAdapter: 'sms-http',
    smsUrl: gateway.url,
    smsBodyTemplate: '{"phone": "{{to}}", "msg": "{{text}}", "sign": "{{signature}}", "meta": {"kind": ["otp", "{{signature}}"]}}',
    smsSignature: 'SMS_2026',
    smsApiKeyHeader: 'X-Gateway-Key',
    smsApiKey: 'gw-key-5d1c0a9e7b',
  });
  return n;
}

const RESET_SMS = {
  channel: 'sms' as const,
  to: '+8613912345678',
  language: 'zh-CN' as const,
  template: 'password_reset_code' as const,
  params: { code: '483920', minutes: '30' },
};

describe('email over SMTP', () => {
  it('delivers with a UTF-8 subject and the code, then scrubs the code from the outbox', async () => {
    const smtp = await startSmtpListener({ user: { username: 'desk-relay', password: 'relay-pass-81f2' } });
    listeners.push(smtp);
    const { t, jar, dispatcher } = await smtpDesk(smtp, { smtpUser: 'desk-relay', smtpPassword: 'relay-pass-81f2' });
    const zh = await queue(t, ACTIVATION);
    const en = await queue(t, { ...ACTIVATION, language: 'en', to: 'lucy.li@example.edu.cn', params: { ...ACTIVATION.params, name: 'Lucy Li' } });
    expect(await dispatcher.runPass()).toBe(2);

    expect(smtp.mails).toHaveLength(2);
    const [mailZh, mailEn] = smtp.mails;
    expect(mailZh!.auth).toEqual({ username: 'desk-relay', password: 'relay-pass-81f2' });
    expect(mailZh!.to).toEqual(['li.hua@example.edu.cn']);
    expect(mailZh!.raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(mailZh!.headers.subject).toBe('激活您的 jAccount');
    expect(mailZh!.headers['content-type']).toMatch(/text\/plain; charset=utf-8/i);
    expect(mailZh!.headers['content-language']).toBe('zh-CN');
    expect(mailZh!.headers.from).toBe('jaccount@sjtu.edu.cn');
    expect(mailZh!.text).toContain('李华，您好');
    expect(mailZh!.text).toContain('ABCD-EFGH-JKLM');
    expect(mailZh!.text).toContain('http://127.0.0.1:7381/activate');
    expect(mailEn!.to).toEqual(['lucy.li@example.edu.cn']);
    expect(mailEn!.headers.subject).toBe('Activate your jAccount');
    expect(mailEn!.text).toContain('Dear Lucy Li,');
    expect(mailEn!.text).toContain('Before 2026-11-23 12:00 (Beijing time)');

    for (const id of [zh, en]) {
      expect(await row(t, id)).toMatchObject({ status: 'sent', adapter: 'smtp', attempts: 1, last_error: null });
      expect(await paramsOf(t, id)).not.toHaveProperty('code');
    }
    const shown = await t.call('outbox.get', { id: zh }, jar);
    expect(shown.codeState).toBe('scrubbed');
    expect(shown.body).not.toContain('ABCD-EFGH-JKLM');
    expect(t.logs.join('\n')).not.toMatch(/li\.hua|lucy\.li|ABCD-EFGH|relay-pass/);
  });

  it('retries with backoff while the server says "try later", then delivers', async () => {
    const smtp = await startSmtpListener();
    listeners.push(smtp);
    const { t, dispatcher } = await smtpDesk(smtp);
    smtp.answers.push({ code: 451, message: 'greylisted for li.hua@example.edu.cn, try again later' }, { code: 421, message: 'busy' });
    const id = await queue(t, ACTIVATION);

    await dispatcher.runPass();
    const first = await row(t, id);
    expect(first).toMatchObject({ status: 'queued', attempts: 1, adapter: 'smtp' });
    expect(first.last_error).toMatch(/^SMTP 451: /);
    expect(first.last_error).not.toContain('li.hua');
    expect(new Date(first.next_attempt_at).getTime() - t.clock.now.getTime()).toBe(RETRY_DELAYS_MS[0]);

    expect(await dispatcher.runPass()).toBe(0); // not due yet
    t.clock.advance(RETRY_DELAYS_MS[0]);
    await dispatcher.runPass();
    const second = await row(t, id);
    expect(second).toMatchObject({ status: 'queued', attempts: 2 });
    expect(new Date(second.next_attempt_at).getTime() - t.clock.now.getTime()).toBe(RETRY_DELAYS_MS[1]);

    t.clock.advance(RETRY_DELAYS_MS[1]);
    await dispatcher.runPass();
    expect(await row(t, id)).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    expect(smtp.mails).toHaveLength(1);
  });

  it('retries while nothing listens on the port, and delivers once the server is up', async () => {
    const probe = await startSmtpListener();
    const port = probe.port;
    await probe.close();
    n = await openNotifyDesk();
    const { t, dispatcher } = n;
    await configure(n, { emailAdapter: 'smtp', smtpHost: '127.0.0.1', smtpPort: port, smtpSecurity: 'none', smtpFrom: 'jaccount@sjtu.edu.cn' });
    const id = await queue(t, ACTIVATION);
    await dispatcher.runPass();
    expect(await row(t, id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect((await row(t, id)).last_error).toMatch(/^SMTP (ECONNECTION|ESOCKET)/);

    const smtp = await startSmtpListener({ port });
    listeners.push(smtp);
    t.clock.advance(RETRY_DELAYS_MS[0]);
    await dispatcher.runPass();
    expect(await row(t, id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.mails).toHaveLength(1);
  });

  it('fails at once when the server refuses the message for good, keeping a short error without the address', async () => {
    const smtp = await startSmtpListener();
    listeners.push(smtp);
    const { t, jar, dispatcher } = await smtpDesk(smtp);
    smtp.answers.push({ code: 550, message: '5.1.1 <li.hua@example.edu.cn>: mailbox unavailable' });
    const id = await queue(t, ACTIVATION);
    await dispatcher.runPass();
    const failed = await row(t, id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.last_error).toMatch(/^SMTP 550: /);
    expect(failed.last_error).not.toContain('li.hua');
    // The code is kept while it can still be sent again by hand; a retry starts the attempts over.
    expect(await paramsOf(t, id)).toHaveProperty('code');
    expect(await t.call('outbox.retry', { id }, jar)).toMatchObject({ status: 'queued', attempts: 0 });
    await dispatcher.runPass();
    expect(await row(t, id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('gives up after the last attempt', async () => {
    const smtp = await startSmtpListener();
    listeners.push(smtp);
    const { t, dispatcher } = await smtpDesk(smtp);
    for (let i = 0; i < 10; i++) smtp.answers.push({ code: 451, message: 'try later' });
    const id = await queue(t, { ...ACTIVATION, template: 'username_reminder', params: { name: '李华', username: 'lihua' } });
    const waits: number[] = [];
    for (;;) {
      await dispatcher.runPass();
      const r = await row(t, id);
      if (r.status !== 'queued') break;
      const wait = new Date(r.next_attempt_at).getTime() - t.clock.now.getTime();
      waits.push(wait);
      t.clock.advance(wait);
    }
    expect(waits).toEqual([30_000, 120_000, 600_000, 3_600_000, 3_600_000]);
    expect(await row(t, id)).toMatchObject({ status: 'failed', attempts: 6 });
  });
});

describe('SMS through an HTTP gateway', () => {
  it('posts the filled-in JSON body with the API key header; 2xx is sent and the code scrubbed', async () => {
    const gateway = await startGatewayListener();
    listeners.push(gateway);
    const { t, dispatcher } = await smsDesk(gateway);
    const id = await queue(t, RESET_SMS);
    await dispatcher.runPass();
    expect(gateway.requests).toHaveLength(1);
    const [request] = gateway.requests;
    expect(request!.method).toBe('POST');
    expect(request!.headers['x-gateway-key']).toBe('gw-key-5d1c0a9e7b');
    expect(request!.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(request!.body)).toEqual({
      phone: '+8613912345678',
      msg: '【上海交通大学】jAccount 密码重置验证码 483920，30 分钟内有效。请勿告诉他人，非本人操作请忽略。',
      sign: 'SMS_2026',
      meta: { kind: ['otp', 'SMS_2026'] },
    });
    expect(await row(t, id)).toMatchObject({ status: 'sent', adapter: 'sms-http', attempts: 1 });
    expect(await paramsOf(t, id)).toEqual({ minutes: '30' });
  });

  it('retries a 503 and then sends; fails a 400 at once', async () => {
    const gateway = await startGatewayListener();
    listeners.push(gateway);
    const { t, dispatcher } = await smsDesk(gateway);
    gateway.statuses.push(503);
    const retried = await queue(t, RESET_SMS);
    await dispatcher.runPass();
    expect(await row(t, retried)).toMatchObject({ status: 'queued', attempts: 1 });
    expect((await row(t, retried)).last_error).toMatch(/^SMS gateway HTTP 503/);
    t.clock.advance(RETRY_DELAYS_MS[0]);
    await dispatcher.runPass();
    expect(await row(t, retried)).toMatchObject({ status: 'sent', attempts: 2 });

    gateway.statuses.push(400);
    const refused = await queue(t, { ...RESET_SMS, params: { code: '118833', minutes: '30' } });
    await dispatcher.runPass();
    const failed = await row(t, refused);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.last_error).toMatch(/^SMS gateway HTTP 400/);
    expect(failed.last_error).not.toMatch(/13912345678|118833|gw-key/);
  });

  it('retries a 429 and an unreachable gateway', async () => {
    const gateway = await startGatewayListener();
    listeners.push(gateway);
    const { t, dispatcher } = await smsDesk(gateway);
    gateway.statuses.push(429);
    const id = await queue(t, RESET_SMS);
    await dispatcher.runPass();
    expect(await row(t, id)).toMatchObject({ status: 'queued', attempts: 1 });
    await gateway.close();
    t.clock.advance(RETRY_DELAYS_MS[0]);
    await dispatcher.runPass();
    const down = await row(t, id);
    expect(down).toMatchObject({ status: 'queued', attempts: 2 });
    expect(down.last_error).toMatch(/^SMS gateway unreachable/);
  });
});
