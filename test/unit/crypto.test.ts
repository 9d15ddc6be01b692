import { describe, expect, it } from 'vitest';
import { DataKey, WrongKeyError } from '../../src/main/crypto/data-key';
import { oneTimePassword } from '../../src/main/crypto/one-time-password';
import { PassphraseProtector } from '../../src/main/crypto/passphrase-protector';
import { OWASP_KDF } from '../../src/main/crypto/kdf-costs';
import { PasswordHasher } from '../../src/main/crypto/password-hash';
import { TEST_KDF } from '../support/kdf';

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
  it('unwraps with the right passphrase and names the problem otherwise, whatever the cost it was wrapped at', async () => {
    const bytes = DataKey.generate().exportForWrapping();
    const wrapped = await new PassphraseProtector('correct horse battery staple', TEST_KDF.passphrase).wrap(bytes);
    expect(wrapped).not.toContain(bytes.toString('base64'));
    expect(JSON.parse(wrapped)).toMatchObject({ N: 2 ** TEST_KDF.passphrase.log2N });
    // The wrapped key carries its cost: a protector opened at another cost still unwraps it.
    expect((await new PassphraseProtector('correct horse battery staple').unwrap(wrapped)).equals(bytes)).toBe(true);
    await expect(new PassphraseProtector('wrong horse battery staple!', TEST_KDF.passphrase).unwrap(wrapped)).rejects.toBeInstanceOf(WrongKeyError);
  });

  it('refuses a short passphrase', () => {
    expect(() => new PassphraseProtector('short')).toThrow(/at least 16/);
  });
});

describe('key derivation at production cost', () => {
  // The one place the suite pays OWASP's full cost: every other test opens its desk with TEST_KDF.
  it('hashes passwords and wraps the data key with scrypt N=2^17, r=8, p=1, and PKCS#12 with 100,000 iterations', async () => {
    expect(OWASP_KDF).toEqual({ password: { log2N: 17, r: 8, p: 1 }, passphrase: { log2N: 17, r: 8, p: 1 }, pkcs12Iterations: 100_000 });
    const hasher = new PasswordHasher(OWASP_KDF.password);
    const hash = await hasher.hash('Counter-Desk-Strong-2026');
    expect(hash).toMatch(/^scrypt\$17\$8\$1\$/);
    expect(await hasher.verify('Counter-Desk-Strong-2026', hash)).toBe(true);
    const wrapped = JSON.parse(await new PassphraseProtector('correct horse battery staple').wrap(DataKey.generate().exportForWrapping()));
    expect(wrapped).toMatchObject({ kdf: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
  });
});

describe('staff password hashing (scrypt)', () => {
  const hasher = new PasswordHasher(TEST_KDF.password);

  it('verifies the right password only, with the cost parameters in the hash', async () => {
    const hash = await hasher.hash('Counter-Desk-Strong-2026');
    expect(hash).toMatch(new RegExp(`^scrypt\\$${TEST_KDF.password.log2N}\\$8\\$1\\$`));
    expect(await hasher.verify('Counter-Desk-Strong-2026', hash)).toBe(true);
    expect(await hasher.verify('Counter-Desk-Strong-2027', hash)).toBe(false);
    expect(await hasher.hash('Counter-Desk-Strong-2026')).not.toBe(hash);
    expect(await hasher.verify('x', 'md5$abc')).toBe(false);
    // A hash made at another cost verifies by the cost it carries.
    expect(await new PasswordHasher(OWASP_KDF.password).verify('Counter-Desk-Strong-2026', hash)).toBe(true);
    expect(await hasher.verifyDecoy('Counter-Desk-Strong-2026')).toBe(false);
  });
});

describe('one-time passwords', () => {
  it('are 4 groups of 4 unambiguous characters and do not repeat', () => {
    const seen = new Set(Array.from({ length: 200 }, oneTimePassword));
    expect(seen.size).toBe(200);
    for (const p of seen) expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{4}(-[a-km-zA-HJ-NP-Z2-9]{4}){3}$/);
  });
});
