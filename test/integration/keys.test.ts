import crypto from 'node:crypto';
import { SignJWT, createLocalJWKSet, jwtVerify } from 'jose';
import { tamperStore } from '../support/tamper';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { auditRows as allAuditRows } from '../../src/main/audit/audit-repository';
import { publishNext } from '../../src/main/keys/key-lifecycle';
import { keyStates, keysToBackUp, listKeyRows } from '../../src/main/keys/signing-key-repository';
import type { SessionCarrier } from '../../src/main/rpc/context';
import { JWKS_CACHE_MAX_AGE, LONGEST_SIGNED_TTL } from '../../src/shared/oauth/lifetimes';
import { auditEntriesOf } from '../support/readers';
import { type TestDesk, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';
import { signedInStaff } from '../support/key-admins';
import { repositoriesFor } from '../../src/main/repositories';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

let t: TestDesk;
afterEach(async () => t?.close());

async function adminDesk() {
  t = await openTestDesk();
  const { jar } = await signInFirstAdmin(t);
  // Sessions lock after the idle period; the tests move the clock by up to an hour between calls.
  await t.call('settings.update', { idleLockSeconds: 3600 }, jar);
  return jar;
}

/** Moves the clock on in steps shorter than the idle lock, keeping the given sessions alive. */
async function passTime(ms: number, ...jars: SessionCarrier[]) {
  for (let left = ms; left > 0; left -= 30 * 60_000) {
    t.clock.advance(Math.min(left, 30 * 60_000));
    for (const jar of jars) await t.call('auth.touch', {}, jar);
  }
}

const keysIn = async (jar: SessionCarrier) => (await t.call('keys.list', {}, jar)).keys;
const activeKid = async (jar: SessionCarrier, alg: 'RS256' | 'EdDSA') =>
  (await keysIn(jar)).find((k) => k.alg === alg && k.state === 'active')!.kid;
const auditRows = (action: string) => auditEntriesOf(t.desk.db.reader, action);
const keyCount = async () => (await keyStates(t.desk.db.reader)).length;

describe('initial keys', () => {
  it('opens with one active RS256 (2048) and one active Ed25519 key, audited as the system, once', async () => {
    t = await openTestDesk();
    const dir = t.dir;
    const rows = (await listKeyRows(t.desk.db.reader))
      .sort((a, b) => (a.alg < b.alg ? -1 : a.alg > b.alg ? 1 : 0))
      .map(({ alg, size, curve, state }) => ({ alg, size, curve, state }));
    expect(rows).toEqual([
      { alg: 'EdDSA', size: null, curve: 'Ed25519', state: 'active' },
      { alg: 'RS256', size: 2048, curve: null, state: 'active' },
    ]);
    expect((await auditRows('keys.initialKey')).map((r) => r.actor)).toEqual(['system', 'system']);
    await t.desk.keys.ensureInitialKeys();
    await t.close();
    t = await openTestDesk(dir);
    expect(await keyCount()).toBe(2);
    expect(await auditRows('keys.initialKey')).toHaveLength(2);
  });
});

describe('rotation by hand', () => {
  it('publishes a next key, refuses promotion before the JWKS cache age has passed, then retires the old key', async () => {
    const jar = await adminDesk();
    const oldKid = await activeKid(jar, 'RS256');
    const next = await t.call('keys.generateNext', { alg: 'RS256', size: 3072 }, jar);
    expect(next).toMatchObject({ state: 'next', size: 3072, activatedAt: null });
    expect(next.promotableAt).toBe(new Date(t.clock.now.getTime() + JWKS_CACHE_MAX_AGE * 1000).toISOString());

    t.clock.advance(59 * 60_000);
    const early = await t.fail('keys.promote', { kid: next.kid }, jar);
    expect(early).toMatchObject({ code: 'CONFLICT', params: { reason: 'too_early', until: next.promotableAt } });
    expect(early.message).toContain(next.promotableAt!);
    expect(await activeKid(jar, 'RS256')).toBe(oldKid);

    t.clock.advance(60_000);
    const { promoted, retired } = await t.call('keys.promote', { kid: next.kid }, jar);
    expect(promoted).toMatchObject({ kid: next.kid, state: 'active', activatedAt: t.clock.now.toISOString() });
    expect(retired).toMatchObject({ kid: oldKid, state: 'retired', retiredAt: t.clock.now.toISOString() });
    expect(retired!.removalDueAt).toBe(new Date(t.clock.now.getTime() + (LONGEST_SIGNED_TTL + JWKS_CACHE_MAX_AGE) * 1000).toISOString());
    const [refused, entry] = await auditRows('keys.promote');
    expect(refused).toMatchObject({ actor: 'admin', target: `key:${next.kid}`, outcome: 'failure' });
    expect(entry).toMatchObject({ actor: 'admin', target: `key:${next.kid}`, outcome: 'success' });
    expect(JSON.parse(entry!.detail)).toEqual({ kid: next.kid, alg: 'RS256', size: 3072, fingerprint: next.fingerprint, retired: oldKid });
  });

  it('refuses illegal transitions, a second next key and malformed input, writing nothing', async () => {
    const jar = await adminDesk();
    const rsa = await activeKid(jar, 'RS256');
    expect(await t.fail('keys.promote', { kid: rsa }, jar)).toMatchObject({
      code: 'CONFLICT',
      params: { reason: 'key_transition', from: 'active', to: 'active' },
    });
    await t.call('keys.generateNext', { alg: 'EdDSA' }, jar);
    expect(await t.fail('keys.generateNext', { alg: 'EdDSA' }, jar)).toMatchObject({
      code: 'CONFLICT',
      fields: [{ path: 'alg', reason: 'next_exists' }],
    });
    expect(await t.fail('keys.generateNext', { alg: 'EdDSA', size: 2048 }, jar)).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'size', reason: 'not_applicable' }],
    });
    expect((await t.fail('keys.generateNext', { alg: 'RS256', size: 1024 }, jar)).fields![0]!.path).toBe('size');
    expect((await t.fail('keys.promote', { kid: 'not a kid' }, jar)).fields![0]!.path).toBe('kid');
    expect((await t.fail('keys.promote', { kid: 'A'.repeat(43) }, jar)).code).toBe('NOT_FOUND');
    expect((await t.fail('keys.setSchedule', { rotationDays: 366 }, jar)).fields![0]!.path).toBe('rotationDays');
    expect((await t.fail('keys.requestRevocation', { kid: rsa, reason: ' ' }, jar)).fields![0]!.path).toBe('reason');
    expect(await keyCount()).toBe(3);
    expect(await t.desk.db.reader.get('SELECT count(*) AS n FROM signing_key_revocations')).toEqual({ n: 0 });
  });

  it('keeps the rules in the store too: one active key per algorithm, final states, no private key once removed', async () => {
    const jar = await adminDesk();
    const db = t.desk.db;
    const next = await t.call('keys.generateNext', { alg: 'RS256' }, jar);
    await expect(db.write((tx) => tx.run("UPDATE signing_keys SET state = 'active' WHERE kid = ?", [next.kid]))).rejects.toThrow(/UNIQUE|duplicate key/);
    await expect(db.write((tx) => tx.run("UPDATE signing_keys SET state = 'removed' WHERE kid = ?", [next.kid]))).rejects.toThrow(/CHECK|check constraint/);
    await db.write((tx) => tx.run("UPDATE signing_keys SET state = 'revoked', private_key_sealed = NULL WHERE kid = ?", [next.kid]));
    await expect(
      db.write((tx) => tx.run("UPDATE signing_keys SET state = 'next', private_key_sealed = 'x' WHERE kid = ?", [next.kid])),
    ).rejects.toThrow(/never comes back/);
  });
});

describe('the key set for the token service', () => {
  it('lists each algorithm’s active key first, then next and retired keys for verification only', async () => {
    const jar = await adminDesk();
    const oldRsa = await activeKid(jar, 'RS256');
    const ed = await activeKid(jar, 'EdDSA');
    const first = await t.call('keys.generateNext', { alg: 'RS256' }, jar);
    await passTime(HOUR, jar);
    await t.call('keys.promote', { kid: first.kid }, jar);
    const nextRsa = await t.call('keys.generateNext', { alg: 'RS256' }, jar);
    const nextEd = await t.call('keys.generateNext', { alg: 'EdDSA' }, jar);

    const set = await t.desk.keys.signingKeySet();
    expect(set.activeKid).toEqual({ RS256: first.kid, EdDSA: ed });
    expect(set.privateJwks.map((k) => [k.kid, k.alg, k.use, k.key_ops ?? null])).toEqual([
      [first.kid, 'RS256', 'sig', null],
      [ed, 'EdDSA', 'sig', null],
      [nextRsa.kid, 'RS256', 'sig', ['verify']],
      [nextEd.kid, 'EdDSA', 'sig', ['verify']],
      [oldRsa, 'RS256', 'sig', ['verify']],
    ]);
    expect(set.privateJwks.every((k) => typeof k.d === 'string')).toBe(true);
    expect(set.publicJwks.keys.map((k) => k.kid)).toEqual(set.privateJwks.map((k) => k.kid));
    for (const key of set.publicJwks.keys) {
      expect(Object.keys(key).sort()).toEqual(
        key.kty === 'RSA' ? ['alg', 'e', 'kid', 'kty', 'n', 'use', 'x5c', 'x5t#S256'] : ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'x5c', 'x5t#S256'],
      );
      const der = Buffer.from(key.x5c![0]!, 'base64');
      expect(key['x5t#S256']).toBe(crypto.createHash('sha256').update(der).digest('base64url'));
      expect(crypto.createPublicKey({ key: key as crypto.JsonWebKey, format: 'jwk' }).equals(new crypto.X509Certificate(der).publicKey)).toBe(true);
    }

    // What the active keys sign, the published JWKS verifies (jose, as a relying party would).
    const jwks = createLocalJWKSet(set.publicJwks as never);
    for (const jwk of set.privateJwks.slice(0, 2)) {
      const key = crypto.createPrivateKey({ key: jwk as crypto.JsonWebKey, format: 'jwk' });
      const token = await new SignJWT({ sub: 'z3' }).setProtectedHeader({ alg: jwk.alg!, kid: jwk.kid! }).sign(key);
      expect((await jwtVerify(token, jwks)).payload.sub).toBe('z3');
    }

    const again = await t.desk.keys.signingKeySet();
    expect(again.revision).toBe(set.revision);
    t.clock.advance(HOUR);
    await t.call('keys.promote', { kid: nextEd.kid }, jar);
    expect((await t.desk.keys.signingKeySet()).revision).not.toBe(set.revision);
  });

  it('tells listeners after committed changes only', async () => {
    const jar = await adminDesk();
    const changes = vi.fn();
    const off = t.desk.keys.onChange(changes);
    const next = await t.call('keys.generateNext', { alg: 'EdDSA' }, jar);
    await vi.waitFor(() => expect(changes).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    await t.fail('keys.promote', { kid: next.kid }, jar);
    await t.call('keys.setSchedule', { rotationDays: 30 }, jar);
    await passTime(HOUR, jar);
    await t.call('keys.promote', { kid: next.kid }, jar);
    await vi.waitFor(() => expect(changes).toHaveBeenCalledTimes(2), { timeout: 10_000 });
    await t.desk.keys.tick(new Date(t.clock.now.getTime() + 3 * HOUR));
    expect(changes).toHaveBeenCalledTimes(3);
    off();
    await t.call('keys.generateNext', { alg: 'EdDSA' }, jar);
    await t.desk.db.raw(async () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(changes).toHaveBeenCalledTimes(3);
  });
});

describe('scheduled rotation', () => {
  it('publishes a successor ahead of time, promotes it when due, and removes retired keys after the verify window', async () => {
    const jar = await adminDesk();
    const start = t.clock.now.getTime();
    const at = (ms: number) => new Date(start + ms);
    const state = async () =>
      (await t.desk.db.reader.all<{ kid: string; alg: string; state: string; sealed: number }>(
        'SELECT kid, alg, state, private_key_sealed IS NOT NULL AS sealed FROM signing_keys ORDER BY created_at, alg',
      )).map((r) => `${r.alg}:${r.state}${r.sealed ? '' : ':wiped'}`);

    await t.desk.keys.tick(at(400 * DAY));
    expect(await state()).toEqual(['EdDSA:active', 'RS256:active']);

    expect(await t.call('keys.setSchedule', { rotationDays: 30 }, jar)).toMatchObject({ rotationDays: 30, updatedBy: 'admin' });
    const original = await keysIn(jar);
    expect(original.find((k) => k.state === 'active')!.rotationDueAt).toBe(at(30 * DAY).toISOString());

    await t.desk.keys.tick(at(29 * DAY - 60_000));
    expect(await state()).toEqual(['EdDSA:active', 'RS256:active']);
    await t.desk.keys.tick(at(29 * DAY));
    expect(await state()).toEqual(['EdDSA:active', 'RS256:active', 'EdDSA:next', 'RS256:next']);
    expect((await auditRows('keys.scheduledPublish')).map((r) => r.actor)).toEqual(['system', 'system']);

    await t.desk.keys.tick(at(30 * DAY - 60_000));
    expect(await state()).toEqual(['EdDSA:active', 'RS256:active', 'EdDSA:next', 'RS256:next']);
    await t.desk.keys.tick(at(30 * DAY));
    expect(await state()).toEqual(['EdDSA:retired', 'RS256:retired', 'EdDSA:active', 'RS256:active']);
    expect(await auditRows('keys.scheduledPromote')).toHaveLength(2);

    const window = (LONGEST_SIGNED_TTL + JWKS_CACHE_MAX_AGE) * 1000;
    await t.desk.keys.tick(at(30 * DAY + window - 60_000));
    expect(await state()).toEqual(['EdDSA:retired', 'RS256:retired', 'EdDSA:active', 'RS256:active']);
    await t.desk.keys.tick(at(30 * DAY + window));
    expect(await state()).toEqual(['EdDSA:removed:wiped', 'RS256:removed:wiped', 'EdDSA:active', 'RS256:active']);
    const set = await t.desk.keys.signingKeySet();
    expect(set.publicJwks.keys).toHaveLength(2);
    expect(original.every((k) => !set.publicJwks.keys.some((j) => j.kid === k.kid))).toBe(true);
  });

  it('waits for a hand-published next key to age before promoting it, even when rotation is due', async () => {
    const jar = await adminDesk();
    const start = t.clock.now.getTime();
    await t.call('keys.setSchedule', { rotationDays: 1 }, jar);
    const next = await t.desk.db.write((tx) => publishNext(repositoriesFor(tx), t.desk.dataKey, { alg: 'RS256', size: 2048 }, new Date(start + DAY - 30 * 60_000)));
    await t.desk.keys.tick(new Date(start + DAY));
    expect((await keysIn(jar)).find((k) => k.kid === next.kid)!.state).toBe('next');
    await t.desk.keys.tick(new Date(start + DAY + 30 * 60_000));
    expect((await t.desk.keys.signingKeySet()).activeKid.RS256).toBe(next.kid);
  });
});

describe('the scheduler', () => {
  it('runs the tick at once and then periodically, until stopped', async () => {
    const jar = await adminDesk();
    await t.call('keys.setSchedule', { rotationDays: 1 }, jar);
    t.clock.advance(DAY);
    const count = async (state: string) => (await keyStates(t.desk.db.reader)).filter((k) => k.state === state).length;
    const stop = t.desk.keys.startScheduler(20);
    try {
      await vi.waitFor(async () => expect(await count('next')).toBe(2), { timeout: 20_000 });
      t.clock.advance(HOUR);
      await vi.waitFor(async () => expect(await count('retired')).toBe(2), { timeout: 20_000 });
    } finally {
      stop();
    }
    t.clock.advance(3 * HOUR);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await count('retired')).toBe(2);
  });
});

describe('emergency revocation', () => {
  it('needs a second key admin; the active key is replaced at once, by a new key when there is no next one', async () => {
    const jar = await adminDesk();
    const { jar: second } = await signedInStaff(t, jar, 'li.keys');
    const rsa = (await keysIn(jar)).find((k) => k.alg === 'RS256' && k.state === 'active')!;

    const request = await t.call('keys.requestRevocation', { kid: rsa.kid, reason: '私钥可能泄露 (private key may have leaked)' }, jar);
    expect(request).toMatchObject({ kid: rsa.kid, mine: true, requestedBy: { username: 'admin' } });
    expect(request.expiresAt).toBe(new Date(t.clock.now.getTime() + HOUR).toISOString());
    expect(await t.fail('keys.requestRevocation', { kid: rsa.kid, reason: 'again' }, second)).toMatchObject({
      code: 'CONFLICT',
      params: { reason: 'revocation_pending' },
    });

    expect(await t.fail('keys.confirmRevocation', { requestId: request.id }, jar)).toMatchObject({
      code: 'FORBIDDEN',
      params: { reason: 'four_eyes' },
    });
    expect((await auditRows('keys.confirmRevocation')).map((r) => r.outcome)).toEqual(['denied']);
    expect((await t.desk.keys.signingKeySet()).activeKid.RS256).toBe(rsa.kid);

    const pending = (await t.call('keys.list', {}, second)).pendingRevocations;
    expect(pending).toEqual([expect.objectContaining({ id: request.id, mine: false, requestedBy: { username: 'admin', displayName: 'System administrator' } })]);
    const done = await t.call('keys.confirmRevocation', { requestId: request.id }, second);
    expect(done.revoked).toMatchObject({ kid: rsa.kid, state: 'revoked', revocationReason: '私钥可能泄露 (private key may have leaked)' });
    expect(done.replacedBy).toBe('generated');
    expect(done.replacement).toMatchObject({ alg: 'RS256', state: 'active', size: 2048 });

    const set = await t.desk.keys.signingKeySet();
    expect(set.activeKid.RS256).toBe(done.replacement!.kid);
    expect(set.publicJwks.keys.some((k) => k.kid === rsa.kid)).toBe(false);
    expect((await keysToBackUp(t.desk.db.reader)).find((k) => k.kid === rsa.kid)).toMatchObject({ state: 'revoked', private_key_sealed: null });
    const [confirmed] = (await auditRows('keys.confirmRevocation')).slice(-1);
    expect(confirmed!.actor).toBe('li.keys');
    expect(JSON.parse(confirmed!.detail)).toMatchObject({
      kid: rsa.kid,
      fingerprint: rsa.fingerprint,
      reason: '私钥可能泄露 (private key may have leaked)',
      requestedBy: 'admin',
      replacement: { kid: done.replacement!.kid, how: 'generated' },
    });
    expect((await t.call('keys.list', {}, jar)).pendingRevocations).toEqual([]);
  });

  it('promotes the next key at once when the active key is revoked', async () => {
    const jar = await adminDesk();
    const { jar: second } = await signedInStaff(t, jar, 'li.keys');
    const ed = await activeKid(jar, 'EdDSA');
    const next = await t.call('keys.generateNext', { alg: 'EdDSA' }, jar);
    const request = await t.call('keys.requestRevocation', { kid: ed, reason: '设备丢失' }, second);
    const done = await t.call('keys.confirmRevocation', { requestId: request.id }, jar);
    expect(done).toMatchObject({ replacedBy: 'promoted', replacement: { kid: next.kid, state: 'active' } });
    expect((await t.desk.keys.signingKeySet()).activeKid.EdDSA).toBe(next.kid);
    expect(await t.fail('keys.requestRevocation', { kid: ed, reason: 'twice' }, jar)).toMatchObject({
      code: 'CONFLICT',
      params: { reason: 'key_transition', from: 'revoked' },
    });
  });

  it('expires an unconfirmed request after an hour, and lets a request be cancelled', async () => {
    const jar = await adminDesk();
    const { jar: second } = await signedInStaff(t, jar, 'li.keys');
    const rsa = await activeKid(jar, 'RS256');
    const request = await t.call('keys.requestRevocation', { kid: rsa, reason: '演练 drill' }, jar);
    await passTime(HOUR, jar, second);
    expect(await t.fail('keys.confirmRevocation', { requestId: request.id }, second)).toMatchObject({
      code: 'CONFLICT',
      params: { reason: 'revocation_expired' },
    });
    expect((await t.call('keys.list', {}, second)).pendingRevocations).toEqual([]);
    await t.desk.keys.tick();
    expect((await auditRows('keys.revocationExpired')).map((r) => [r.actor, r.target])).toEqual([['system', `key:${rsa}`]]);

    const again = await t.call('keys.requestRevocation', { kid: rsa, reason: '演练 drill 2' }, second);
    await t.call('keys.cancelRevocation', { requestId: again.id }, second);
    expect(await t.fail('keys.confirmRevocation', { requestId: again.id }, jar)).toMatchObject({ params: { reason: 'revocation_cancelled' } });
    expect((await t.desk.keys.signingKeySet()).activeKid.RS256).toBe(rsa);
  });
});

describe('key material stays inside', () => {
  it('keeps private keys out of list outputs, exports, the audit log, the logs and the store in clear', async () => {
    const jar = await adminDesk();
    const { jar: second } = await signedInStaff(t, jar, 'li.keys');
    await t.call('keys.generateNext', { alg: 'RS256' }, jar);
    const secrets = (await t.desk.keys.signingKeySet()).privateJwks.flatMap((k) => [k.d!, ...(k.p ? [k.p, k.q!, k.dp!, k.dq!, k.qi!] : [])]);
    const ed = await activeKid(jar, 'EdDSA');
    const request = await t.call('keys.requestRevocation', { kid: ed, reason: 'drill' }, jar);
    await t.call('keys.confirmRevocation', { requestId: request.id }, second);
    await t.call('keys.backup', { password: 'Backup passphrase 2026' }, jar);

    const exported = await t.call('keys.exportPublic', {}, jar);
    const outputs = JSON.stringify([await t.call('keys.list', {}, jar), exported, await t.call('keys.listBackups', {}, jar)]);
    const audit = JSON.stringify(await allAuditRows(t.desk.db.reader, {}));
    const store = JSON.stringify(await t.desk.db.reader.all('SELECT * FROM signing_keys'));
    const base64 = secrets.map((s) => Buffer.from(s, 'base64url').toString('base64'));
    for (const text of [outputs, audit, t.logs.join('\n'), store]) {
      for (const secret of [...secrets, ...base64]) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/PRIVATE KEY/);
      expect(text).not.toContain('Backup passphrase 2026');
    }
    expect(exported.pem.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(3);
    expect(JSON.parse(exported.jwks).keys).toHaveLength(3);
  });

  it('refuses a sealed private key moved to another key’s row', async () => {
    t = await openTestDesk();
    const [a, b] = await t.desk.db.reader.all<{ kid: string }>('SELECT kid FROM signing_keys ORDER BY kid');
    await t.close();
    await tamperStore(
      t.store,
      t.dir,
      `UPDATE signing_keys SET private_key_sealed = (SELECT private_key_sealed FROM signing_keys WHERE kid = '${b!.kid}') WHERE kid = '${a!.kid}'`,
    );
    t = await openTestDesk(t.dir);
    await expect(t.desk.keys.signingKeySet()).rejects.toThrow();
  });
});
