import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dispatcher } from '../../src/main/notify/dispatcher';
import { claimDue } from '../../src/main/notify/outbox-repository';
import { cookieJar } from '../support/desk-fixture';
import { auditEntriesOf } from '../support/readers';
import { ACTIVATION, type NotifyDesk, later, openNotifyDesk, paramsOf, queue, row } from './notify-helpers';

let n: NotifyDesk;
afterEach(async () => n?.t.close());

const RESET = {
  channel: 'sms' as const,
  to: '+8613912345678',
  language: 'en' as const,
  template: 'password_reset_code' as const,
  params: { code: '483920', minutes: '15' },
};

describe('the development adapter (a fresh desk)', () => {
  it('delivers to the outbox screen only, where the code is readable until it expires, then scrubbed', async () => {
    n = await openNotifyDesk();
    const { t, jar, dispatcher } = n;
    const id = await queue(t, ACTIVATION);
    const stored = JSON.stringify(await row(t, id));
    for (const secret of ['li.hua@example.edu.cn', 'ABCD-EFGH-JKLM', '李华']) expect(stored).not.toContain(secret);

    const queued = await t.call('outbox.get', { id }, jar);
    expect(queued).toMatchObject({ status: 'queued', codeState: 'withheld', recipientMasked: 'l***@example.edu.cn' });
    expect(queued.body).not.toContain('ABCD-EFGH-JKLM');

    expect(await dispatcher.runPass()).toBe(1);
    const list = await t.call('outbox.list', { page: 1, pageSize: 25 }, jar);
    expect(list.developmentChannels).toEqual(['email', 'sms']);
    expect(list.items[0]).toMatchObject({ id, status: 'sent', adapter: 'development', attempts: 1, template: 'activation_code' });

    const sent = await t.call('outbox.get', { id }, jar);
    expect(sent.codeState).toBe('shown');
    expect(sent.subject).toBe('激活您的 jAccount');
    expect(sent.body).toContain('ABCD-EFGH-JKLM');
    expect(sent.body).toContain('http://127.0.0.1:7381/activate');
    expect(sent.body).toContain('2026-11-23 12:00');
    // Reading it is audited, without the code.
    const audit = (await auditEntriesOf(t.desk.db.reader, 'outbox.get')).map(({ action, target, detail }) => ({ action, target, detail }));
    expect(audit.map((a) => a.target)).toEqual([`notification:${id}`, `notification:${id}`]);
    expect(JSON.stringify(audit)).not.toContain('ABCD');

    await later(n, 2 * 3600_000);
    await dispatcher.runPass();
    expect(await paramsOf(t, id)).not.toHaveProperty('code');
    const after = await t.call('outbox.get', { id }, jar);
    expect(after).toMatchObject({ status: 'sent', codeState: 'scrubbed' });
    expect(after.body).not.toContain('ABCD-EFGH-JKLM');
    expect(after.body).toContain('〔已删除〕');
    expect(t.logs.join('\n')).not.toMatch(/li\.hua|ABCD-EFGH|13912345678/);
  });

  it('cancels a message whose code expired before it could be sent, and scrubs the code', async () => {
    n = await openNotifyDesk();
    const { t, jar, dispatcher } = n;
    const id = await queue(t, RESET);
    expect((await row(t, id)).code_expires_at).toBe(new Date(t.clock.now.getTime() + 15 * 60_000).toISOString());
    await later(n, 15 * 60_000);
    expect(await dispatcher.runPass()).toBe(0);
    expect(await row(t, id)).toMatchObject({ status: 'cancelled', attempts: 0, last_error: 'the one-time code expired before delivery' });
    expect(await paramsOf(t, id)).toEqual({ minutes: '15' });
    expect(await t.fail('outbox.retry', { id }, jar)).toMatchObject({ code: 'CONFLICT', params: { reason: 'outbox_code_gone' } });
  });

  it('takes again, after the lease, a message that a stopped desk left in sending; never before', async () => {
    n = await openNotifyDesk();
    const { t, dispatcher } = n;
    const id = await queue(t, { ...RESET, template: 'username_reminder', params: { name: 'Li Hua', username: 'lihua' } });
    // A desk took it and stopped before it could say how the send went.
    await t.desk.db.write((tx) => claimDue(tx, t.clock.now, 5 * 60_000, 10));
    expect(await row(t, id)).toMatchObject({ status: 'sending', attempts: 1 });
    t.clock.advance(4 * 60_000);
    expect(await dispatcher.runPass()).toBe(0);
    expect((await row(t, id)).status).toBe('sending');
    t.clock.advance(60_000);
    expect(await dispatcher.runPass()).toBe(1);
    expect(await row(t, id)).toMatchObject({ status: 'sent', attempts: 2, adapter: 'development' });
  });

  it('claims a message once, even when two dispatchers pass at the same time', async () => {
    n = await openNotifyDesk();
    const { t } = n;
    const ids = await Promise.all([1, 2, 3].map(() => queue(t, { ...RESET, template: 'test_message', params: {} })));
    const other = new Dispatcher({ store: t.desk.store, dataKey: t.desk.dataKey, log: t.desk.log, clock: () => t.clock.now });
    const tried = await Promise.all([n.dispatcher.runPass(), other.runPass()]);
    expect(tried[0] + tried[1]).toBe(3);
    for (const id of ids) expect(await row(t, id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('is woken by the commit that queues a message (no poll in between)', async () => {
    n = await openNotifyDesk();
    const { t } = n;
    const live = new Dispatcher({ store: t.desk.store, dataKey: t.desk.dataKey, log: t.desk.log, clock: () => t.clock.now, pollMs: 3_600_000 });
    live.start();
    await live.runPass(); // the pass start() asks for is over: only a wake can send what comes next
    try {
      const id = await queue(t, { ...RESET, template: 'test_message', params: {} });
      await vi.waitFor(async () => expect((await row(t, id)).status).toBe('sent'), { timeout: 10_000 });
    } finally {
      await live.stop();
    }
  });
});

describe('outbox channels', () => {
  it('lists newest first with filters, and cancels (reason audited, code scrubbed) or retries only what it may', async () => {
    n = await openNotifyDesk();
    const { t, jar } = n;
    const first = await queue(t, RESET);
    t.clock.advance(1000);
    const second = await queue(t, ACTIVATION);
    const all = await t.call('outbox.list', { page: 1, pageSize: 25 }, jar);
    expect(all.items.map((i) => i.id)).toEqual([second, first]);
    expect(all.total).toBe(2);
    expect((await t.call('outbox.list', { channel: 'sms', page: 1, pageSize: 25 }, jar)).items.map((i) => i.id)).toEqual([first]);
    expect((await t.call('outbox.list', { status: 'sent', page: 1, pageSize: 25 }, jar)).total).toBe(0);

    expect(await t.fail('outbox.cancel', { id: first, reason: 'x' }, jar)).toMatchObject({ code: 'VALIDATION' });
    const cancelled = await t.call('outbox.cancel', { id: first, reason: 'holder asked at the counter' }, jar);
    expect(cancelled.status).toBe('cancelled');
    expect(await paramsOf(t, first)).not.toHaveProperty('code');
    const [entry] = await auditEntriesOf(t.desk.db.reader, 'outbox.cancel');
    expect(JSON.parse(entry!.detail)).toMatchObject({ from: 'queued', reason: 'holder asked at the counter' });
    expect(await t.fail('outbox.cancel', { id: first, reason: 'again please' }, jar)).toMatchObject({
      code: 'CONFLICT',
      params: { reason: 'outbox_not_cancellable' },
    });

    await n.dispatcher.runPass();
    expect(await t.fail('outbox.retry', { id: second }, jar)).toMatchObject({ code: 'CONFLICT', params: { reason: 'outbox_already_sent' } });
    expect(await t.fail('outbox.get', { id: 999 }, jar)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('needs outbox.view', async () => {
    n = await openNotifyDesk();
    const { t, jar } = n;
    const { oneTimePassword } = await t.call('staff.create', { username: 'counter1', displayName: 'Counter One', roles: ['counter_operator'] }, jar);
    const other = cookieJar();
    await t.call('auth.signIn', { username: 'counter1', password: oneTimePassword, desk: 'minhang' }, other);
    await t.call('auth.changePassword', { currentPassword: oneTimePassword, newPassword: 'Another-Strong-Pass-2026' }, other);
    expect(await t.fail('outbox.list', { page: 1, pageSize: 25 }, other)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await t.fail('notify.settings.get', {}, other)).toMatchObject({ code: 'FORBIDDEN' });
  });
});
