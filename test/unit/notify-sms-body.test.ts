import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeErrorText } from '../../src/main/notify/adapter';
import { DEFAULT_SMS_BODY_TEMPLATE, smsBodyTemplateProblem, smsRequestBody } from '../../src/main/notify/sms-body';

describe('the SMS gateway body template', () => {
  it('fills the placeholders inside string values, anywhere in the JSON', () => {
    const body = smsRequestBody('{"a": {"b": ["{{to}}", 3, true]}, "c": "Sign: {{signature}} / {{text}}", "d": null}', {
      to: '+8613912345678',
      text: '验证码 483920',
      signature: '【上海交通大学】',
    });
    expect(JSON.parse(body)).toEqual({ a: { b: ['+8613912345678', 3, true] }, c: 'Sign: 【上海交通大学】 / 验证码 483920', d: null });
  });

  it('keeps any text one JSON string: quotes, backslashes, newlines and placeholders in the text itself', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (text, signature) => {
        const body = JSON.parse(smsRequestBody(DEFAULT_SMS_BODY_TEMPLATE, { to: '+8613800001111', text, signature })) as Record<string, string>;
        expect(Object.keys(body)).toEqual(['mobile', 'content', 'sign']);
        expect(body.mobile).toBe('+8613800001111');
        expect(body.content).toBe(text);
        expect(body.sign).toBe(signature);
      }),
    );
    const tricky = JSON.parse(smsRequestBody(DEFAULT_SMS_BODY_TEMPLATE, { to: '+1', text: 'a "b" \\ {{to}}\n', signature: '' }));
    expect(tricky.content).toBe('a "b" \\ {{to}}\n');
  });

  it('says what is wrong with a template', () => {
    expect(smsBodyTemplateProblem(DEFAULT_SMS_BODY_TEMPLATE)).toBeNull();
    expect(smsBodyTemplateProblem('{"to": "{{to}}"')).toBe('not_json');
    expect(smsBodyTemplateProblem('"{{to}} {{text}}"')).toBe('not_object');
    expect(smsBodyTemplateProblem('{"text": "{{text}}"}')).toBe('missing_to');
    expect(smsBodyTemplateProblem('{"to": "{{to}}"}')).toBe('missing_text');
  });
});

describe('error texts kept in the outbox', () => {
  it('drop the given secrets, addresses and numbers, on one short line', () => {
    const text = safeErrorText('550 5.1.1 <li.hua@example.edu.cn>: no such user\n code 483920 to +86 139 1234 5678 key=k-123', ['483920', 'k-123']);
    expect(text).toBe('550 5.1.1 <[address]>: no such user code [redacted] to [number] key=[redacted]');
    expect(safeErrorText('x'.repeat(500), []).length).toBe(200);
  });
});
