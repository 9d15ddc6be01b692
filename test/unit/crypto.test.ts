import { describe, expect, it } from 'vitest';
import { DataKey, WrongKeyError } from '../../src/main/crypto/data-key';
import { oneTimePassword } from '../../src/main/crypto/one-time-password';
import { PassphraseProtector } from '../../src/main/crypto/passphrase-protector';
import { hashPassword, verifyPassword } from '../../src/main/crypto/password-hash';

describe('data key sealing (AES-256-GCM)', () => {
  const key = DataKey.generate();

  it('opens what it sealed, in the same context only', () => {
    const sealed = key.seal('JBSWY3DPEHPK3PXP', 'staff.totp_secret');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(key.open(sealed, 'staff.totp_secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => key.open(sealed, 'accounts.mobile')).toThrow();
  });

  it('refuses a tampered value and another key', () => {
    const sealed = key.seal('secret', 'ctx');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 1]! ^= 1;
    expect(() => key.open(`v1.${raw.toString('base64url')}`, 'ctx')).toThrow();
    expect(() => DataKey.generate().open(sealed, 'ctx')).toThrow();
  });

  it('derives distinct, stable purpose keys', () => {
    expect(key.derive('audit-chain').equals(key.derive('audit-chain'))).toBe(true);
    expect(key.derive('audit-chain').equals(key.derive('blind-index'))).toBe(false);
  });
});

describe('passphrase protector', () => {
  it('unwraps with the right passphrase and names the problem otherwise', async () => {
    const bytes = DataKey.generate().exportForWrapping();
    const wrapped = await new PassphraseProtector('correct horse battery staple').wrap(bytes);
    expect(wrapped).not.toContain(bytes.toString('base64'));
    expect((await new PassphraseProtector('correct horse battery staple').unwrap(wrapped)).equals(bytes)).toBe(true);
    await expect(new PassphraseProtector('wrong horse battery staple!').unwrap(wrapped)).rejects.toBeInstanceOf(WrongKeyError);
  });

  it('refuses a short passphrase', () => {
    expect(() => new PassphraseProtector('short')).toThrow(/at least 16/);
  });
});

describe('staff password hashing (scrypt)', () => {
  it('verifies the right password only, with OWASP cost parameters in the hash', async () => {
    const hash = await hashPassword('Counter-Desk-Strong-2026');
    expect(hash).toMatch(/^scrypt\$17\$8\$1\$/);
    expect(await verifyPassword('Counter-Desk-Strong-2026', hash)).toBe(true);
    expect(await verifyPassword('Counter-Desk-Strong-2027', hash)).toBe(false);
    expect(await hashPassword('Counter-Desk-Strong-2026')).not.toBe(hash);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});

describe('one-time passwords', () => {
  it('are 4 groups of 4 unambiguous characters and do not repeat', () => {
    const seen = new Set(Array.from({ length: 200 }, oneTimePassword));
    expect(seen.size).toBe(200);
    for (const p of seen) expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{4}(-[a-km-zA-HJ-NP-Z2-9]{4}){3}$/);
  });
});
