import { afterEach, describe, expect, it } from 'vitest';
import { auditRows } from '../../src/main/audit/audit-repository';
import { findNotifyConfig } from '../../src/main/notify/notify-config-repository';
import { listNotifications } from '../../src/main/notify/outbox-repository';
import { type NotifyDesk, configure, openNotifyDesk, row } from './notify-helpers';

let n: NotifyDesk;
afterEach(async () => n?.t.close());

const SMTP_PASSWORD = 'smtp-secret-0f3a9c77';
const SMS_KEY = 'sms-api-key-b81e22d4';

/** The stored delivery settings (their one row), and the whole audit log, as text. */
const storedConfig = async () => JSON.stringify(await findNotifyConfig(n.t.desk.db.reader));
const storedAudit = async () => JSON.stringify(await auditRows(n.t.desk.db.reader, {}));

describe('notification settings', () => {
  it('start on the development adapter for both channels, with no secret set', async () => {
    n = await openNotifyDesk();
    expect(await n.t.call('notify.settings.get', {}, n.jar)).toMatchObject({
      emailAdapter: 'development',
      smsAdapter: 'development',
      smtpPasswordSet: false,
      smsApiKeySet: false,
      updatedAt: null,
    });
  });

  it('refuse bad input field by field, and write nothing', async () => {
    n = await openNotifyDesk();
    const { t, jar } = n;
    const current = await t.call('notify.settings.get', {}, jar);
    const { smtpPasswordSet: _p, smsApiKeySet: _k, updatedAt: _u, ...options } = current;
    const reasons = async (patch: object) =>
      ((await t.fail('notify.settings.update', { ...options, ...patch }, jar)).fields ?? []).map((f) => `${f.path}:${f.reason}`);

    expect(await reasons({ emailAdapter: 'smtp', smsAdapter: 'sms-http' })).toEqual(['smtpHost:required', 'smtpFrom:required', 'smsUrl:required']);
    expect(await reasons({ smtpHost: 'smtp..example', smtpFrom: 'not-an-address' })).toEqual(['smtpHost:host', 'smtpFrom:email']);
    expect(await reasons({ smtpPort: 0 })).toEqual(['smtpPort:too_small']);
    expect(await reasons({ smsUrl: 'http://sms.example.com/send' })).toEqual(['smsUrl:https_required']);
    expect(await reasons({ smsUrl: 'https://user:pw@sms.example.com/send' })).toEqual(['smsUrl:credentials_in_url']);
    expect(await reasons({ smsUrl: 'ftp://sms.example.com' })).toEqual(['smsUrl:url']);
    expect(await reasons({ smsBodyTemplate: '{"to": "{{to}}", ' })).toEqual(['smsBodyTemplate:not_json']);
    expect(await reasons({ smsBodyTemplate: '["{{to}}", "{{text}}"]' })).toEqual(['smsBodyTemplate:not_object']);
    expect(await reasons({ smsBodyTemplate: '{"to": "{{to}}"}' })).toEqual(['smsBodyTemplate:missing_text']);
    expect(await reasons({ smsApiKeyHeader: 'X Key' })).toEqual(['smsApiKeyHeader:header']);
    expect(await reasons({ smtpPassword: SMTP_PASSWORD })).toEqual(['smtpUser:user_required']);
    expect(
      await reasons({ emailAdapter: 'smtp', smtpHost: 'smtp.example.com', smtpSecurity: 'none', smtpUser: 'desk', smtpPassword: SMTP_PASSWORD, smtpFrom: 'a@sjtu.edu.cn' }),
    ).toEqual(['smtpSecurity:plain_auth']);
    const message = (await t.fail('notify.settings.update', { ...options, smsUrl: 'http://sms.example.com/x' }, jar)).message;
    expect(message).toBe('smsUrl: must use https (plain http only to a gateway on this machine)');

    expect(await findNotifyConfig(t.desk.db.reader)).toBeUndefined();
    expect(await storedAudit()).not.toContain(SMTP_PASSWORD);
  });

  it('keep secrets write-only: sealed at rest, never answered by a channel, never in the audit log or the logs', async () => {
    n = await openNotifyDesk();
    const { t, jar } = n;
    const saved = await configure(n, {
      emailAdapter: 'smtp',
      smtpHost: 'smtp.sjtu.edu.cn',
      smtpPort: 465,
      smtpSecurity: 'tls',
      smtpUser: 'jaccount-desk',
      smtpPassword: SMTP_PASSWORD,
      smtpFrom: 'jaccount@sjtu.edu.cn',
      smsAdapter: 'sms-http',
      smsUrl: 'https://sms.example.com/v1/send',
      smsApiKey: SMS_KEY,
    });
    expect(saved).toMatchObject({ smtpPasswordSet: true, smsApiKeySet: true, emailAdapter: 'smtp', smtpHost: 'smtp.sjtu.edu.cn' });
    const answers = [saved, await t.call('notify.settings.get', {}, jar), await t.call('outbox.list', { page: 1, pageSize: 25 }, jar)];

    // Kept when not given, removed when null.
    const kept = await configure(n, { smtpHost: 'mail.sjtu.edu.cn' });
    expect(kept).toMatchObject({ smtpPasswordSet: true, smsApiKeySet: true });
    const removed = await configure(n, { smsAdapter: 'development', smsApiKey: null });
    expect(removed).toMatchObject({ smtpPasswordSet: true, smsApiKeySet: false });
    answers.push(kept, removed);

    for (const secret of [SMTP_PASSWORD, SMS_KEY]) {
      expect(JSON.stringify(answers)).not.toContain(secret);
      expect(await storedConfig()).not.toContain(secret);
      expect(await storedAudit()).not.toContain(secret);
      expect(t.logs.join('\n')).not.toContain(secret);
    }
    const entries = await t.call('audit.list', { filter: { action: 'notify.settings.update' }, page: 1, pageSize: 10 }, jar);
    expect(entries.entries.map((e) => e.detail.changed)).toEqual([
      ['smsAdapter', 'smsApiKey:removed'],
      ['smtpHost'],
      expect.arrayContaining(['emailAdapter', 'smtpHost', 'smtpPassword:replaced', 'smsApiKey:replaced']),
    ]);
  });
});

describe('test messages', () => {
  it('are checked, queued through the channel adapter, audited with the masked recipient, and followed', async () => {
    n = await openNotifyDesk();
    const { t, jar, dispatcher } = n;
    expect(await t.fail('notify.sendTest', { channel: 'email', to: 'not-an-address', language: 'en' }, jar)).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'to', reason: 'email' }],
    });
    expect((await t.fail('notify.sendTest', { channel: 'sms', to: '12345', language: 'en' }, jar)).fields).toEqual([
      expect.objectContaining({ path: 'to', reason: 'mobile' }),
    ]);
    expect((await listNotifications(t.desk.db.reader, {}, 1, 1)).total).toBe(0);

    const { id, recipientMasked } = await t.call('notify.sendTest', { channel: 'sms', to: '139 1234 5678', language: 'zh-CN' }, jar);
    expect(recipientMasked).toBe('*******5678');
    expect(await t.call('notify.testStatus', { id }, jar)).toMatchObject({ status: 'queued', attempts: 0 });
    await dispatcher.runPass();
    expect(await t.call('notify.testStatus', { id }, jar)).toMatchObject({ status: 'sent', adapter: 'development' });
    expect(await row(t, id)).toMatchObject({ template: 'test_message', subject_ref: 'settings:notifications' });
    const entry = (await t.call('audit.list', { filter: { action: 'notify.sendTest' }, page: 1, pageSize: 10 }, jar)).entries[0];
    expect(entry).toMatchObject({ target: `notification:${id}`, detail: { channel: 'sms', to: '*******5678' } });
    expect(JSON.stringify(entry)).not.toContain('13912345678');
  });
});
