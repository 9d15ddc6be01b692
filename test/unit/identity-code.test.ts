import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import {
  CODE_PREFIX,
  type TrustBundle,
  decodeIdentityCode,
  fingerprintForHumans,
  parseBundle,
  verifyCredential,
} from '../../src/shared/identity-code';
import { base32Decode, base32Encode } from '../../src/shared/identity-code/base32';
import { makeTestBundle, signBundle, testCode, testJwt, testKey } from '../support/trust-fixture';

const NOW = new Date('2026-11-23T02:00:00.000Z');
const T = NOW.getTime() / 1000;
const active = testKey('EdDSA');
const retired = testKey('EdDSA');
const rsa = testKey('RS256');
const revokedKey = testKey('EdDSA');
const stranger = testKey('EdDSA');

function bundle(over: Partial<Parameters<typeof makeTestBundle>[0]> = {}): TrustBundle {
  return makeTestBundle({
    keys: [
      { key: active, state: 'active' },
      { key: retired, state: 'retired' },
      { key: rsa, state: 'active' },
    ],
    revoked: [revokedKey],
    accounts: { revoked: ['gone'], suspended: ['paused'] },
    madeAt: new Date(NOW.getTime() - 3600_000),
    signer: active,
    ...over,
  });
}
const trusted = bundle();
const verify = (text: string, b: TrustBundle = trusted, at: Date | number = NOW, leewaySeconds = 30) =>
  verifyCredential(text, b, at, { leewaySeconds });

/** Flips one bit of the code's bytes at `index` and encodes it again. */
function flip(code: string, index: number): string {
  const bytes = base32Decode(code.slice(CODE_PREFIX.length))!;
  bytes[index]! ^= 1;
  return CODE_PREFIX + base32Encode(bytes);
}

describe('identity code format', () => {
  it('round-trips, stays small and fits a QR code well under version 10', async () => {
    const code = await testCode(active, { iat: T, exp: T + 60, name: '欧阳娜娜' });
    const decoded = decodeIdentityCode(code)!;
    expect(decoded.claims).toEqual({ sub: 'zhangxm', name: '欧阳娜娜', category: 'undergraduate', iat: T, exp: T + 60 });
    expect(code).toMatch(/^JAC1:[A-Z2-7]+$/);
    expect(decodeIdentityCode(code.toLowerCase())?.claims.sub).toBe('zhangxm');
    const typical = await testCode(active, { iat: T, exp: T + 60 });
    expect(typical.length).toBe(165);
    expect(QRCode.create(typical, { errorCorrectionLevel: 'M' }).version).toBe(7);
    // The largest code: a 40-character username and a name cut to 24 bytes.
    const largest = await testCode(active, { iat: T, exp: T + 60, sub: 'a'.repeat(40), name: '名'.repeat(20) });
    expect(largest.length).toBe(242);
    expect(QRCode.create(largest, { errorCorrectionLevel: 'M' }).version).toBe(9);
  });

  it('shortens long names on a character boundary', async () => {
    const code = await testCode(active, { iat: T, exp: T + 60, name: '名'.repeat(40) });
    expect(decodeIdentityCode(code)!.claims.name).toBe('名'.repeat(8));
  });
});

describe('verifyCredential: identity codes', () => {
  it('accepts a fresh code with its claims and the key that signed it', async () => {
    const verdict = await verify(await testCode(active, { iat: T, exp: T + 60 }));
    expect(verdict).toMatchObject({ valid: true, kind: 'identity-code', kid: active.kid, keyState: 'active', claims: { sub: 'zhangxm', name: '张晓明' } });
  });

  it('accepts a code of a retired key that is still published', async () => {
    expect(await verify(await testCode(retired, { iat: T, exp: T + 60 }))).toMatchObject({ valid: true, keyState: 'retired' });
  });

  it('refuses an expired code, at the boundary of the leeway and not a second before', async () => {
    const code = await testCode(active, { iat: T - 120, exp: T - 30 });
    expect(await verify(code, trusted, NOW, 30)).toMatchObject({ valid: false, reason: 'expired', claims: { sub: 'zhangxm' } });
    expect(await verify(code, trusted, NOW.getTime() - 1, 30)).toMatchObject({ valid: true });
    expect(await verify(code, trusted, NOW, 0)).toMatchObject({ valid: false, reason: 'expired' });
    expect(await verify(code, trusted, NOW, 31)).toMatchObject({ valid: true });
  });

  it('refuses a code from the future beyond the leeway, accepts it within', async () => {
    const code = await testCode(active, { iat: T + 30, exp: T + 90 });
    expect(await verify(code, trusted, NOW, 30)).toMatchObject({ valid: true });
    expect(await verify(code, trusted, NOW, 29)).toMatchObject({ valid: false, reason: 'not_yet_valid' });
    expect(await verify(code, trusted, NOW, 0)).toMatchObject({ valid: false, reason: 'not_yet_valid' });
  });

  it('refuses a code signed by a revoked key, naming the key', async () => {
    expect(await verify(await testCode(revokedKey, { iat: T, exp: T + 60 }))).toMatchObject({ valid: false, reason: 'revoked_key', kid: revokedKey.kid });
  });

  it('refuses a code signed by a key the bundle does not know', async () => {
    expect(await verify(await testCode(stranger, { iat: T, exp: T + 60 }))).toMatchObject({ valid: false, reason: 'unknown_key', claims: null });
  });

  it('refuses codes of revoked and suspended accounts', async () => {
    expect(await verify(await testCode(active, { iat: T, exp: T + 60, sub: 'gone' }))).toMatchObject({ valid: false, reason: 'account_revoked' });
    expect(await verify(await testCode(active, { iat: T, exp: T + 60, sub: 'Paused' }))).toMatchObject({ valid: false, reason: 'account_suspended' });
  });

  it('refuses a tampered payload and a tampered signature, without showing the claims', async () => {
    const code = await testCode(active, { iat: T, exp: T + 60 });
    // byte 12 is the low byte of iat: a forger moving the time
    expect(await verify(flip(code, 12))).toEqual({ valid: false, reason: 'bad_signature', kind: 'identity-code', kid: active.kid, claims: null });
    const length = base32Decode(code.slice(CODE_PREFIX.length))!.length;
    expect(await verify(flip(code, length - 1))).toMatchObject({ valid: false, reason: 'bad_signature' });
  });

  it('refuses a code signed by another key under a known key id', async () => {
    const forged = await testCode({ ...stranger, kid: active.kid }, { iat: T, exp: T + 60 });
    expect(await verify(forged)).toMatchObject({ valid: false, reason: 'bad_signature', kid: active.kid });
  });

  it('calls malformed what is not a code or a token', async () => {
    const code = await testCode(active, { iat: T, exp: T + 60 });
    for (const text of ['', 'hello', 'JAC1:', 'JAC1:!!!!', code.slice(0, 60), `${code}AAAA`, 'a.b', 'eyJ.eyJ.x']) {
      expect(await verify(text), text).toMatchObject({ valid: false, reason: 'malformed' });
    }
  });
});

describe('verifyCredential: JWTs', () => {
  const claims = { iss: 'http://127.0.0.1:7381', sub: 'zhangxm', aud: 'jaccount-x', iat: T, exp: T + 3600 };

  it('accepts an ID token and an RFC 9068 access token of the token service', async () => {
    expect(await verify(await testJwt(rsa, claims))).toMatchObject({ valid: true, kind: 'id-token', kid: rsa.kid, claims: { sub: 'zhangxm' } });
    expect(await verify(await testJwt(rsa, claims, 'at+jwt'))).toMatchObject({ valid: true, kind: 'access-token' });
  });

  it('refuses expired, not yet valid, revoked-key, unknown-key, account and tampered tokens', async () => {
    expect(await verify(await testJwt(rsa, { ...claims, exp: T - 31 }))).toMatchObject({ reason: 'expired' });
    expect(await verify(await testJwt(rsa, { ...claims, nbf: T + 31 }))).toMatchObject({ reason: 'not_yet_valid' });
    expect(await verify(await testJwt(revokedKey, claims))).toMatchObject({ reason: 'revoked_key', kid: revokedKey.kid });
    expect(await verify(await testJwt(stranger, claims))).toMatchObject({ reason: 'unknown_key' });
    expect(await verify(await testJwt(rsa, { ...claims, sub: 'gone' }))).toMatchObject({ reason: 'account_revoked' });
    expect(await verify(await testJwt(rsa, { ...claims, sub: 'paused' }))).toMatchObject({ reason: 'account_suspended' });
    const [h, p, s] = (await testJwt(rsa, claims)).split('.');
    const other = Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url');
    expect(await verify(`${h}.${other}.${s}`)).toMatchObject({ valid: false, reason: 'bad_signature', claims: null });
    expect(await verify(`${h}.${p}.${s!.slice(0, -4)}AAAA`)).toMatchObject({ reason: 'bad_signature' });
  });

  it('refuses a token without an expiry as malformed', async () => {
    expect(await verify(await testJwt(rsa, { sub: 'zhangxm', iat: T }))).toMatchObject({ reason: 'malformed' });
  });
});

describe('trust bundles', () => {
  it('refuses every credential against a bundle older than the limit, and accepts up to it', async () => {
    const code = await testCode(active, { iat: T, exp: T + 60 });
    const old = bundle({ madeAt: new Date(NOW.getTime() - 24 * 3600_000 - 1000) });
    expect(await verify(code, old)).toMatchObject({ valid: false, reason: 'bundle_too_old' });
    const day = bundle({ madeAt: new Date(NOW.getTime() - 24 * 3600_000) });
    expect(await verify(code, day)).toMatchObject({ valid: true });
    expect(await verifyCredential(code, day, NOW, { maxBundleAgeSeconds: 3600 })).toMatchObject({ reason: 'bundle_too_old' });
    expect(await verify(code, bundle({ madeAt: new Date(NOW.getTime() + 60_000) }))).toMatchObject({ reason: 'bundle_from_future' });
  });

  it('refuses a bundle whose content changed after signing (an account taken off the list)', async () => {
    const code = await testCode(active, { iat: T, exp: T + 60, sub: 'gone' });
    const edited: TrustBundle = { ...trusted, accounts: { revoked: [], suspended: ['paused'] } };
    expect(await verify(code, edited)).toMatchObject({ valid: false, reason: 'bundle_bad_signature' });
  });

  it('refuses a bundle signed by a key other than the one it names', async () => {
    const { signature: _s, ...unsigned } = trusted;
    const wrong = signBundle(unsigned, stranger);
    expect(await verify(await testCode(active, { iat: T, exp: T + 60 }), wrong)).toMatchObject({ reason: 'bundle_bad_signature' });
    const claimed = signBundle({ ...unsigned, signer: { kid: active.kid, jwk: stranger.jwk as never } }, stranger);
    expect(await verify(await testCode(active, { iat: T, exp: T + 60 }), claimed)).toMatchObject({ reason: 'bundle_bad_signature' });
  });

  it('parses a bundle file and names what is wrong in a bad one', () => {
    expect(parseBundle(JSON.stringify(trusted)).signer.kid).toBe(active.kid);
    expect(() => parseBundle('{')).toThrow(/not JSON/);
    expect(() => parseBundle(JSON.stringify({ ...trusted, madeAt: 'yesterday', extra: 1 }))).toThrow(/madeAt/);
    expect(fingerprintForHumans(active.kid)).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
  });
});
