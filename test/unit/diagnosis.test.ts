import { describe, expect, it } from 'vitest';
import type { AccountRow } from '../../src/main/accounts/account-repository';
import { ACTIVATION_DELAY_MS, diagnose } from '../../src/main/accounts/diagnosis';

const NOW = new Date('2026-11-23T10:40:00.000Z');
const base: AccountRow = {
  id: 1, username: 'zhangsan', real_name: '张三', category: 'undergraduate', number: '520001', department: 'SEIEE',
  doc_type: 'prc_id', doc_sealed: '', doc_index: '', doc_masked: '310***********123X', mobile_sealed: null, mobile_index: null,
  mobile_masked: null, email_sealed: null, email_index: null, email_masked: null,
  status: 'active', status_reason: null, failed_attempts: 0, locked_until: null, password_hash: 'x', password_changed_at: null,
  password_expires_at: null, activation_sent_at: null, activation_channel: null, created_at: '', updated_at: '',
};
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

describe('login diagnosis', () => {
  it('finds nothing wrong with a healthy account', () => {
    expect(diagnose(base, NOW).code).toBe('ok');
  });

  it('puts revocation and suspension, with their reason, before everything else', () => {
    const row = { ...base, failed_attempts: 9, locked_until: at(60_000) };
    expect(diagnose({ ...row, status: 'revoked', status_reason: '出借账号' }, NOW)).toMatchObject({ code: 'revoked', reason: '出借账号' });
    expect(diagnose({ ...row, status: 'suspended', status_reason: '调查中' }, NOW)).toMatchObject({ code: 'suspended', reason: '调查中' });
  });

  it('says an account works five minutes after its activation message, to the millisecond', () => {
    const sent = at(-3 * 60_000);
    const row = { ...base, activation_sent_at: sent, activation_channel: 'sms' };
    expect(diagnose(row, NOW)).toMatchObject({ code: 'pending_activation', activationSentAt: sent, activationReadyAt: at(2 * 60_000) });
    expect(diagnose(row, new Date(new Date(sent).getTime() + ACTIVATION_DELAY_MS)).code).toBe('ok');
    expect(diagnose({ ...base, status: 'pending' }, NOW)).toMatchObject({ code: 'pending_activation', activationReadyAt: null });
  });

  it('reports a lock until it lifts, then the wrong-password count', () => {
    const row = { ...base, failed_attempts: 5, locked_until: at(7 * 60_000) };
    expect(diagnose(row, NOW)).toMatchObject({ code: 'locked', lockedUntil: at(7 * 60_000), failedAttempts: 5 });
    expect(diagnose({ ...row, locked_until: NOW.toISOString() }, NOW)).toMatchObject({ code: 'wrong_password', failedAttempts: 5 });
  });

  it('reports an expired password from the moment it expires', () => {
    expect(diagnose({ ...base, password_expires_at: NOW.toISOString() }, NOW).code).toBe('password_expired');
    expect(diagnose({ ...base, password_expires_at: at(1) }, NOW).code).toBe('ok');
  });
});
