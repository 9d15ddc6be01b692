import { URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, newTotpSecret, otpauthUri, timeStep } from '../../src/main/crypto/totp';
import { totpNow } from '../support/totp';

const RFC_SECRET = Buffer.from('12345678901234567890');

describe('HOTP (RFC 4226 appendix D)', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  it.each(expected.map((code, counter) => [counter, code]))('counter %i gives %s', (counter, code) => {
    expect(hotp(RFC_SECRET, counter)).toBe(code);
  });
});

describe('TOTP (RFC 6238 appendix B, SHA-1)', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('at %i s the 8-digit code is %s', (seconds, code) => {
    expect(hotp(RFC_SECRET, Math.floor(seconds / 30), 8)).toBe(code);
  });

  it('accepts the current step and one either side, nothing further', () => {
    const secret = base32Encode(RFC_SECRET);
    const t = 1_800_000_000_000;
    expect(matchTotp(RFC_SECRET, totpNow(secret, t), t)).toBe(Math.floor(t / 30000));
    expect(matchTotp(RFC_SECRET, totpNow(secret, t - 30_000), t)).toBe(Math.floor(t / 30000) - 1);
    expect(matchTotp(RFC_SECRET, totpNow(secret, t + 30_000), t)).toBe(Math.floor(t / 30000) + 1);
    expect(matchTotp(RFC_SECRET, totpNow(secret, t - 90_000), t)).toBeNull();
    expect(matchTotp(RFC_SECRET, '12345', t)).toBeNull();
  });

  it('compares the whole code: a longer one that starts with the right six digits is refused', () => {
    const secret = base32Encode(RFC_SECRET);
    const t = 1_800_000_000_000;
    const code = totpNow(secret, t);
    expect(matchTotp(RFC_SECRET, `${code}0`, t)).toBeNull();
    expect(matchTotp(RFC_SECRET, ` ${code}`, t)).toBeNull();
    expect(matchTotp(RFC_SECRET, code, t)).toBe(timeStep(t));
  });
});

describe('base32 and otpauth URIs', () => {
  it('round-trips bytes and matches the RFC 4648 vector', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(() => base32Decode('not*base32')).toThrow('not base32');
    expect(base32Decode('mzxw 6ytb oi======').toString()).toBe('foobar');
  });

  it('makes 160-bit secrets', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(newTotpSecret()).not.toBe(secret);
  });

  it('builds a URI authenticator apps read', () => {
    const uri = new URL(otpauthUri('JBSWY3DPEHPK3PXP', 'alice', 'jAccount Service Desk'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(uri.searchParams.get('issuer')).toBe('jAccount Service Desk');
    expect(uri.searchParams.get('period')).toBe('30');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('algorithm')).toBe('SHA1');
  });

  it('gives apps a URI whose codes the desk accepts (parsed by otpauth as an app would)', () => {
    const secret = newTotpSecret();
    const parsed = URI.parse(otpauthUri(secret, 'wang.counter', 'jAccount Service Desk'));
    expect(parsed).toMatchObject({ issuer: 'jAccount Service Desk', label: 'wang.counter', digits: 6, period: 30, algorithm: 'SHA1' });
    const t = 1_800_000_000_000;
    expect(parsed.generate({ timestamp: t })).toBe(totpNow(secret, t));
    expect(matchTotp(base32Decode(secret), parsed.generate({ timestamp: t }), t)).toBe(timeStep(t));
  });
});
