import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAccountByUsername } from '../../src/main/accounts/account-repository';
import { latestBundleText } from '../../src/main/verify/trust-bundle-repository';
import { runVerify } from '../../src/main/verify/verify-command';
import { parseBundle, verifyCredential } from '../../src/shared/identity-code';
import { type TestDesk, type cookieJar, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';
import { auditEntriesOf } from '../support/readers';
import { activeAccount } from '../support/token-service-fixture';

const PASSWORD = 'Harbour lights 42';

let a: TestDesk;
let b: TestDesk | null = null;
let jar: ReturnType<typeof cookieJar>;

async function accountId(t: TestDesk, username: string): Promise<number> {
  return (await findAccountByUsername(t.desk.db.reader, username))!.id;
}

function auditActions(t: TestDesk, action: string) {
  return auditEntriesOf(t.desk.db.reader, action);
}

beforeEach(async () => {
  a = await openTestDesk();
  ({ jar } = await signInFirstAdmin(a));
  // Activation takes a few minutes of the fake clock: longer than the default idle lock.
  await a.call('settings.update', { idleLockSeconds: 3600 }, jar);
  await activeAccount(a, jar, { username: 'xiaoming', password: PASSWORD, number: '523030910001', documentNumber: 'E55556666' });
});

afterEach(async () => {
  await a.close();
  await b?.close();
  b = null;
});

describe('issuing identity codes at the desk', () => {
  it('issues a code for an active account, verifiable with the desk bundle, and audits it', async () => {
    const issued = await a.call('verify.issueCode', { username: 'xiaoming' }, jar);
    expect(issued).toMatchObject({ username: 'xiaoming', name: '张晓明', category: 'undergraduate', qrVersion: 7 });
    expect(Date.parse(issued.expiresAt) - Date.parse(issued.issuedAt)).toBe(60_000);
    expect(issued.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const { bundle } = await a.call('verify.bundle', { source: 'this-desk' }, jar);
    const verdict = await verifyCredential(issued.code, parseBundle(bundle), a.clock.now);
    expect(verdict).toMatchObject({ valid: true, kind: 'identity-code', kid: issued.kid, claims: { sub: 'xiaoming' } });
    const [entry] = await auditActions(a, 'verify.issueCode');
    expect(entry).toMatchObject({ actor: 'admin', target: 'account:xiaoming', outcome: 'success' });
  });

  it('uses the configured lifetime, and refuses bad settings naming the field', async () => {
    await a.call('verify.updateSettings', { codeTtlSeconds: 120 }, jar);
    const issued = await a.call('verify.issueCode', { username: 'xiaoming' }, jar);
    expect(Date.parse(issued.expiresAt) - Date.parse(issued.issuedAt)).toBe(120_000);
    const error = await a.fail('verify.updateSettings', { leewaySeconds: -1 }, jar);
    expect(error.fields?.[0]).toMatchObject({ path: 'leewaySeconds', reason: 'too_small' });
    expect(await a.call('verify.settings', {}, jar)).toMatchObject({ codeTtlSeconds: 120, leewaySeconds: 30, bundleMaxAgeSeconds: 86400 });
  });

  it('refuses accounts that are not active, or do not exist, and writes nothing but the audit entry', async () => {
    await a.call('accounts.setStatus', { id: await accountId(a, 'xiaoming'), status: 'suspended', reason: 'Account lent to a classmate' }, jar);
    expect(await a.fail('verify.issueCode', { username: 'xiaoming' }, jar)).toMatchObject({
      code: 'CONFLICT',
      fields: [{ path: 'username', reason: 'account_suspended' }],
    });
    expect(await a.fail('verify.issueCode', { username: 'nobody' }, jar)).toMatchObject({ code: 'NOT_FOUND', fields: [{ path: 'username' }] });
    expect((await auditActions(a, 'verify.issueCode')).map((e) => e.outcome)).toEqual(['failure', 'failure']);
  });

  it('puts a suspended account on the next bundle, and the code is refused', async () => {
    const issued = await a.call('verify.issueCode', { username: 'xiaoming' }, jar);
    await a.call('accounts.setStatus', { id: await accountId(a, 'xiaoming'), status: 'revoked', reason: 'Graduated and left' }, jar);
    const { bundle } = await a.call('verify.bundle', { source: 'this-desk' }, jar);
    expect(parseBundle(bundle).accounts).toEqual({ revoked: ['xiaoming'], suspended: [] });
    expect(await verifyCredential(issued.code, parseBundle(bundle), a.clock.now)).toMatchObject({ valid: false, reason: 'account_revoked' });
  });

  it('carries no private key material in the bundle', async () => {
    const { bundle } = await a.call('verify.bundle', { source: 'this-desk' }, jar);
    expect(bundle).not.toMatch(/"(d|p|q|dp|dq|qi)"\s*:/);
  });
});

describe('bundle export and import between desks', () => {
  async function openSecondDesk() {
    // Another desk: its own data and signing keys, not a copy of this worker's template.
    b = await openTestDesk(undefined, { fresh: true });
    const jarB = (await signInFirstAdmin(b)).jar;
    await b.call('settings.update', { idleLockSeconds: 3600 }, jarB);
    b.clock.now = a.clock.now;
    return jarB;
  }

  it('asks to confirm the fingerprint on a first import, then trusts the signer', async () => {
    const jarB = await openSecondDesk();
    const exported = await a.call('verify.bundle', { source: 'this-desk' }, jar);
    const asked = await b!.fail('verify.importBundle', { bundle: exported.bundle }, jarB);
    expect(asked).toMatchObject({ code: 'CONFLICT', params: { reason: 'untrusted_signer', fingerprint: exported.signerFingerprint } });
    expect(await b!.fail('verify.importBundle', { bundle: exported.bundle, confirmFingerprint: '0000 1111' }, jarB)).toMatchObject({
      fields: [{ path: 'confirmFingerprint', reason: 'fingerprint_mismatch' }],
    });
    expect(await latestBundleText(b!.desk.db.reader)).toBeNull();

    const report = await b!.call('verify.importBundle', { bundle: exported.bundle, confirmFingerprint: exported.signerFingerprint.toLowerCase() }, jarB);
    expect(report).toMatchObject({ firstImport: true, keys: 2, signerKid: exported.signerKid });
    const again = await b!.call('verify.importBundle', { bundle: (await a.call('verify.bundle', { source: 'this-desk' }, jar)).bundle }, jarB);
    expect(again.firstImport).toBe(false);

    const imported = await b!.call('verify.bundle', { source: 'imported' }, jarB);
    const code = (await a.call('verify.issueCode', { username: 'xiaoming' }, jar)).code;
    expect(await verifyCredential(code, parseBundle(imported.bundle), b!.clock.now)).toMatchObject({ valid: true });
    // The mismatch was refused at validation, before anything was done: only the untrusted signer's refusal is a failure entry.
    expect((await auditActions(b!, 'verify.importBundle')).map((e) => e.outcome)).toEqual(['failure', 'success', 'success']);
  });

  it('refuses a tampered, a badly formed and a too old bundle, writing nothing', async () => {
    const jarB = await openSecondDesk();
    const { bundle } = await a.call('verify.bundle', { source: 'this-desk' }, jar);
    const tampered = bundle.replace('"suspended": []', '"suspended": ["someone"]');
    expect(tampered).not.toBe(bundle);
    expect(await b!.fail('verify.importBundle', { bundle: tampered }, jarB)).toMatchObject({ fields: [{ path: 'bundle', reason: 'bundle_bad_signature' }] });
    expect(await b!.fail('verify.importBundle', { bundle: '{"format":"x"}' }, jarB)).toMatchObject({ code: 'VALIDATION', params: { reason: 'bundle_malformed' } });
    await b!.call('settings.update', { idleLockSeconds: 3600 }, jarB);
    await b!.call('verify.updateSettings', { bundleMaxAgeSeconds: 300 }, jarB);
    b!.clock.advance(301_000);
    expect(await b!.fail('verify.importBundle', { bundle }, jarB)).toMatchObject({ fields: [{ path: 'bundle', reason: 'bundle_too_old' }] });
    expect(await b!.desk.db.reader.get('SELECT COUNT(*) AS n FROM trust_bundle_signers')).toEqual({ n: 0 });
  });

  it('answers NOT_FOUND for the imported bundle before any import', async () => {
    expect(await a.fail('verify.bundle', { source: 'imported' }, jar)).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('npm run verify', () => {
  it('exits 0 only for a valid code, with a one-line verdict otherwise', async () => {
    const { bundle } = await a.call('verify.bundle', { source: 'this-desk' }, jar);
    const file = path.join(a.dir, 'bundle.json');
    fs.writeFileSync(file, bundle);
    const issued = await a.call('verify.issueCode', { username: 'xiaoming' }, jar);
    const { code } = issued;
    const ok = await runVerify([code, '--bundle', file], a.clock.now);
    expect(ok.exitCode).toBe(0);
    expect(ok.line).toMatch(/^VALID identity-code: xiaoming · 张晓明 · undergraduate/);
    const late = await runVerify([code, '--bundle', file], new Date(a.clock.now.getTime() + 91_000));
    expect(late).toEqual({ exitCode: 1, line: `REFUSED expired: expired (key ${issued.kid})` });
    expect(await runVerify([code, '--bundle', file, '--leeway', '40'], new Date(a.clock.now.getTime() + 100_000))).toMatchObject({ exitCode: 1 });
    expect(await runVerify([code, '--bundle', file, '--leeway', '40'], new Date(a.clock.now.getTime() + 99_000))).toMatchObject({ exitCode: 0 });
    expect((await runVerify(['garbage', '--bundle', file], a.clock.now)).line).toBe('REFUSED malformed: not an identity code or a token');
    expect(await runVerify([code], a.clock.now)).toMatchObject({ exitCode: 2, line: expect.stringMatching(/--bundle FILE is required/) });
    expect(await runVerify([code, '--bundle', path.join(a.dir, 'missing.json')])).toMatchObject({ exitCode: 2, line: expect.stringMatching(/ENOENT/) });
  });
});
