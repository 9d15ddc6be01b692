import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keyStates } from '../../src/main/keys/signing-key-repository';
import { type TestDesk, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';
import { signedInStaff } from '../support/key-admins';
import { auditEntriesOf } from '../support/readers';

const PASSWORD = '备份口令 backup 2026';
const opened: TestDesk[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.close();
});

/** Each desk its own: a restore is into a desk with other signing keys, not a copy of the same template. */
async function desk() {
  const t = await openTestDesk(undefined, { fresh: true });
  opened.push(t);
  const { jar } = await signInFirstAdmin(t);
  return { t, jar };
}

describe('key backup and restore', () => {
  it('writes a password-protected PKCS#12 into <dataDir>/backups and restores it into another desk', async () => {
    const { t: source, jar } = await desk();
    const { jar: second } = await signedInStaff(source, jar, 'li.keys');
    const nextEd = await source.call('keys.generateNext', { alg: 'EdDSA' }, jar);
    const doomed = await source.call('keys.generateNext', { alg: 'RS256' }, jar);
    const request = await source.call('keys.requestRevocation', { kid: doomed.kid, reason: '测试吊销' }, jar);
    await source.call('keys.confirmRevocation', { requestId: request.id }, second);
    const original = (await source.call('keys.list', {}, jar)).keys;

    const weak = await source.fail('keys.backup', { password: 'short' }, jar);
    expect(weak).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'password', reason: 'too_small', params: { minimum: 12 } }] });
    const folder = path.join(source.dir, 'backups');
    expect(fs.existsSync(folder)).toBe(false);

    const file = await source.call('keys.backup', { password: PASSWORD }, jar);
    expect(file).toMatchObject({ path: path.join(folder, file.fileName), keys: 4 });
    expect(file.fileName).toMatch(/^jaccount-keys-20261123-020000Z\.p12$/);
    expect(fs.statSync(file.path).mode & 0o777).toBe(0o600);
    expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
    expect(await source.call('keys.listBackups', {}, jar)).toEqual({ folder, files: [expect.objectContaining({ fileName: file.fileName })] });
    const again = await source.call('keys.backup', { password: PASSWORD }, jar);
    expect(again.fileName).toBe('jaccount-keys-20261123-020000Z-2.p12');
    const audit = (await auditEntriesOf(source.desk.db.reader, 'keys.backup', { outcome: 'success' })).map(({ detail, target }) => ({ detail, target }));
    expect(audit[0]).toEqual({ target: `file:${file.fileName}`, detail: JSON.stringify({ fileName: file.fileName, keys: 4 }) });

    // Restoring into the same desk: every kid is known, nothing changes.
    const same = await source.call('keys.restore', { fileName: file.fileName, password: PASSWORD }, jar);
    expect(same.restored).toEqual([]);
    expect(same.skipped.map((s) => s.reason)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);

    const { t: target, jar: targetJar } = await desk();
    const changes = vi.fn();
    target.desk.keys.onChange(changes);
    const targetFolder = path.join(target.dir, 'backups');
    fs.mkdirSync(targetFolder);
    fs.copyFileSync(file.path, path.join(targetFolder, file.fileName));
    fs.writeFileSync(path.join(targetFolder, 'garbage.p12'), 'not a backup');
    const keyCount = async () => (await keyStates(target.desk.db.reader)).length;
    const before = await keyCount();

    expect(await target.fail('keys.restore', { fileName: file.fileName, password: 'Wrong password 2026' }, targetJar)).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'password', reason: 'wrong_password' }],
    });
    expect(await target.fail('keys.restore', { fileName: 'garbage.p12', password: PASSWORD }, targetJar)).toMatchObject({
      fields: [{ path: 'fileName', reason: 'unreadable_backup' }],
    });
    expect((await target.fail('keys.restore', { fileName: '../desk.sqlite', password: PASSWORD }, targetJar)).fields![0]!.path).toBe('fileName');
    expect(await target.fail('keys.restore', { fileName: 'missing.p12', password: PASSWORD }, targetJar)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await keyCount()).toBe(before);

    const report = await target.call('keys.restore', { fileName: file.fileName, password: PASSWORD }, targetJar);
    const byKid = Object.fromEntries(report.restored.map((r) => [r.kid, r]));
    const activeRsa = original.find((k) => k.alg === 'RS256' && k.state === 'active')!;
    const activeEd = original.find((k) => k.alg === 'EdDSA' && k.state === 'active')!;
    // The target desk has its own active keys: the backup's active keys come back retired, the rest as recorded.
    expect(byKid[activeRsa.kid]).toMatchObject({ state: 'retired', recordedState: 'active' });
    expect(byKid[activeEd.kid]).toMatchObject({ state: 'retired', recordedState: 'active' });
    expect(byKid[nextEd.kid]).toMatchObject({ state: 'next', recordedState: 'next' });
    expect(byKid[doomed.kid]).toMatchObject({ state: 'revoked', recordedState: 'revoked' });
    await vi.waitFor(() => expect(changes).toHaveBeenCalledTimes(1), { timeout: 10_000 });

    const restored = (await target.call('keys.list', {}, targetJar)).keys;
    const revoked = restored.find((k) => k.kid === doomed.kid)!;
    expect(revoked).toMatchObject({ origin: 'restored', revocationReason: '测试吊销', fingerprint: doomed.fingerprint });
    expect(restored.find((k) => k.kid === nextEd.kid)).toMatchObject({ publishedAt: nextEd.publishedAt, fingerprint: nextEd.fingerprint });

    const set = await target.desk.keys.signingKeySet();
    const sourceSet = await source.desk.keys.signingKeySet();
    for (const kid of [activeRsa.kid, activeEd.kid, nextEd.kid]) {
      expect(set.privateJwks.find((k) => k.kid === kid)).toMatchObject({ key_ops: ['verify'], d: sourceSet.privateJwks.find((k) => k.kid === kid)!.d });
      expect(set.publicJwks.keys.find((k) => k.kid === kid)!.x5c).toEqual(sourceSet.publicJwks.keys.find((k) => k.kid === kid)!.x5c);
    }
    expect(set.publicJwks.keys.some((k) => k.kid === doomed.kid)).toBe(false);
    const [restoreAudit] = await auditEntriesOf(target.desk.db.reader, 'keys.restore', { outcome: 'success' });
    expect(JSON.parse(restoreAudit!.detail).restored).toHaveLength(4);
    expect(restoreAudit!.detail).not.toContain(PASSWORD);
  });
});
