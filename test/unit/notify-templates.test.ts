import { describe, expect, it } from 'vitest';
import type { NotificationTemplate, TemplateParams } from '../../src/main/notify/outbox';
import { beijingTime, renderMessage } from '../../src/main/notify/templates';

const PARAMS: { [T in NotificationTemplate]: TemplateParams[T] } = {
  activation_code: { name: '王芳', code: 'ABCD-EFGH-JKLM', expiresAt: '2026-11-24T02:00:00.000Z', url: 'http://127.0.0.1:7381/activate' },
  verification_rejected: { name: '王芳', reason: '学籍信息与证件不符' },
  password_reset_code: { code: '483920', minutes: '15' },
  username_reminder: { name: '王芳', username: 'wangfang' },
  password_changed: { username: 'wangfang', at: '2026-11-23T15:30:00.000Z' },
  contact_change_approved: { name: '王芳', username: 'wangfang' },
  contact_change_rejected: { name: '王芳', reason: '证明材料不清晰' },
  test_message: {},
};
const TEMPLATES = Object.keys(PARAMS) as NotificationTemplate[];
const HAN = /[\u4e00-\u9fff]/;

describe('templates', () => {
  it('render every template in both languages, for email and SMS, with no placeholder left over', () => {
    for (const template of TEMPLATES) {
      for (const language of ['zh-CN', 'en'] as const) {
        const email = renderMessage(template, language, 'email', PARAMS[template]);
        const sms = renderMessage(template, language, 'sms', PARAMS[template]);
        for (const text of [email.subject!, email.text, sms.text]) {
          expect(text, `${template} ${language}`).not.toMatch(/undefined|\$\{|\{\w+\}/);
        }
        // The English texts are English through and through (what people wrote aside); the Chinese ones are Chinese.
        const given = Object.values(PARAMS[template]) as string[];
        const english = [email.subject!, email.text, sms.text].map((x) => given.reduce((acc, v) => acc.split(v).join(''), x)).join('');
        if (language === 'en') expect(english, template).not.toMatch(HAN);
        else expect(email.subject, template).toMatch(HAN);
        expect(sms.subject).toBeNull();
      }
    }
  });

  it('sign SMS as the university, and keep them to one message', () => {
    for (const template of TEMPLATES) {
      const zh = renderMessage(template, 'zh-CN', 'sms', PARAMS[template]).text;
      const en = renderMessage(template, 'en', 'sms', PARAMS[template]).text;
      expect(zh.startsWith('【上海交通大学】')).toBe(true);
      expect(en.startsWith('[SJTU jAccount] ')).toBe(true);
      // One SMS: 70 UCS-2 characters for Chinese; English texts stay in GSM 7-bit, 160 characters.
      expect(zh.length, template).toBeLessThanOrEqual(70);
      expect(en.length, template).toBeLessThanOrEqual(160);
      expect(en).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('put the code, the expiry (Beijing time) and the portal link into the activation email; no more than it needs', () => {
    const zh = renderMessage('activation_code', 'zh-CN', 'email', PARAMS.activation_code);
    expect(zh.subject).toBe('激活您的 jAccount');
    expect(zh.text).toContain('王芳，您好');
    expect(zh.text).toContain('ABCD-EFGH-JKLM');
    expect(zh.text).toContain('2026-11-24 10:00（北京时间）');
    expect(zh.text).toContain('http://127.0.0.1:7381/activate');
    expect(zh.text.trimEnd().endsWith('上海交通大学 网络信息中心')).toBe(true);
    const en = renderMessage('activation_code', 'en', 'email', PARAMS.activation_code);
    expect(en.subject).toBe('Activate your jAccount');
    expect(en.text).toContain('Before 2026-11-24 10:00 (Beijing time)');
    // The SMS carries the code and its expiry, not the name.
    const sms = renderMessage('activation_code', 'zh-CN', 'sms', PARAMS.activation_code).text;
    expect(sms).toContain('ABCD-EFGH-JKLM');
    expect(sms).not.toContain('王芳');
  });

  it('keep a rejection reason out of the SMS (the email has it)', () => {
    expect(renderMessage('verification_rejected', 'zh-CN', 'email', PARAMS.verification_rejected).text).toContain('学籍信息与证件不符');
    expect(renderMessage('verification_rejected', 'zh-CN', 'sms', PARAMS.verification_rejected).text).not.toContain('学籍');
  });

  it('write times in Beijing time whatever the machine zone', () => {
    expect(beijingTime('2026-12-31T16:05:00.000Z')).toBe('2027-01-01 00:05');
    expect(renderMessage('password_changed', 'en', 'email', PARAMS.password_changed).text).toContain('2026-11-23 23:30 (Beijing time)');
  });
});
