/**
 * Direct SQL on the store file, through a connection of its own (the node sqlite3 driver with
 * SQLite's defaults: no recursive triggers, no foreign keys, as the sqlite3 CLI opens a copy).
 * REPLACE deletes the row in its way without firing DELETE triggers; the store must refuse it
 * for every row it protects, and leave rows it does not protect (and the app's UPSERTs) alone.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishNext } from '../../src/main/keys/key-lifecycle';
import type { SessionCarrier } from '../../src/main/rpc/context';
import { STORE_FILE } from '../../src/main/store/open-store';
import type { AlumniApplicationInput } from '../../src/shared/contract/verification';
import { type TestDesk, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';
import { testEngine } from '../support/test-store';
import { signedInStaff } from '../support/key-admins';
import { repositoriesFor } from '../../src/main/repositories';

const PROTECTED = ['audit_log', 'verification_events', 'verification_applications', 'accounts', 'staff', 'signing_keys', 'clients'];

let t: TestDesk | null = null;
let dir: string;
let raw: sqlite3.Database;
let keys: { activeRsa: string; activeEd: string; nextEd: string; revoked: string };

function run(sql: string, params: unknown[] = []): Promise<number> {
  return new Promise((resolve, reject) =>
    raw.run(sql, params, function (this: sqlite3.RunResult, err: Error | null) {
      if (err) reject(err);
      else resolve(this.changes);
    }),
  );
}

function all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) => raw.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
}

/** Every protected table, row by row. */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of PROTECTED) out[table] = await all(`SELECT * FROM ${table} ORDER BY 1`);
  return out;
}

const ACCOUNT_COLUMNS = 'id, username, real_name, category, number, department, doc_type, doc_sealed, doc_index, doc_masked, status, created_at, updated_at';
const APPLICATION_COLUMNS = `id, kind, department, real_name, doc_type, doc_sealed, doc_index, doc_masked, language, school, channel, online_id,
  taken_by, document_checked, submitted_at, submitted_on, status, decided_at`;

// SQLite's REPLACE deletes the row in its way without firing DELETE triggers; PostgreSQL has no REPLACE (migration 012
// is a no-op there), and its triggers' hold is tested in test/integration/postgres/invariants.test.ts.
describe.runIf(testEngine() === 'sqlite')('REPLACE on a copy of the store, with a connection of its own', () => {
  beforeAll(async () => {
    t = await openTestDesk();
    dir = t.dir;
    await signInFirstAdmin(t); // audit entries, the admin's staff row
    const desk = t.desk;
    const list = async () => desk.db.reader.all<{ kid: string; alg: string; state: string }>('SELECT kid, alg, state FROM signing_keys');
    const [rsa, ed] = [(await list()).find((k) => k.alg === 'RS256')!, (await list()).find((k) => k.alg === 'EdDSA')!];
    const nextEd = await desk.db.write((tx) => publishNext(repositoriesFor(tx), desk.dataKey, { alg: 'EdDSA' }, t!.clock.now));
    const doomed = await desk.db.write((tx) => publishNext(repositoriesFor(tx), desk.dataKey, { alg: 'RS256', size: 2048 }, t!.clock.now));
    keys = { activeRsa: rsa.kid, activeEd: ed.kid, nextEd: nextEd.kid, revoked: doomed.kid };

    await desk.db.write(async (tx) => {
      await tx.run("UPDATE signing_keys SET state = 'revoked', revoked_at = 'now', private_key_sealed = NULL WHERE kid = ?", [keys.revoked]);
      const account = `INSERT INTO accounts (${ACCOUNT_COLUMNS}) VALUES (?, ?, '张三', 'alumni', ?, '数学科学学院', 'prc_id', 'sealed', ?, '3***1', ?, 'now', 'now')`;
      await tx.run(account, [1, null, '520001', 'doc-a', 'pending']);
      await tx.run("UPDATE accounts SET username = 'zhangsan', status = 'active' WHERE id = 1");
      await tx.run(account, [2, null, '520002', 'doc-b', 'pending']);

      const application = `INSERT INTO verification_applications (${APPLICATION_COLUMNS})
        VALUES (?, 'alumni', '数学科学学院', '李四', 'prc_id', 'sealed', ?, '3***2', 'zh-CN', '数学科学学院', ?, ?, 'admin', ?, 'now', '2026-11-23', 'submitted', NULL)`;
      await tx.run(application, [1, 'doc-c', 'online', 'ONLINE-0001', 0]);
      await tx.run("UPDATE verification_applications SET status = 'approved', decided_by = 'admin', decided_at = 'now' WHERE id = 1");
      await tx.run(application, [2, 'doc-d', 'counter', null, 1]);
      await tx.run("INSERT INTO verification_events (id, application_id, at, actor, event) VALUES (1, 1, 'now', 'admin', 'approved')");

      const clientApplication = `INSERT INTO client_applications (id, app_name, department, purpose, homepage, client_type, token_endpoint_auth_method,
          grant_types, scopes, redirect_uris, post_logout_redirect_uris, contact_name, contact_email_sealed, contact_phone_sealed, state, submitted_at,
          submitted_by, updated_at)
        VALUES (?, 'App', 'NIC', 'p', 'https://app.sjtu.edu.cn/', 'confidential', 'client_secret_basic', '[]', '[]', '[]', '[]', 'c', 's', 's', 'approved', 'now', 'admin', 'now')`;
      const client = `INSERT INTO clients (client_id, application_id, client_name, client_type, token_endpoint_auth_method, grant_types, scopes,
          redirect_uris, post_logout_redirect_uris, status, issued_at, issued_by, updated_at)
        VALUES (?, ?, 'App', 'confidential', 'client_secret_basic', '[]', '[]', '[]', '[]', 'enabled', 'now', 'admin', 'now')`;
      await tx.run(clientApplication, [1]);
      await tx.run(clientApplication, [2]);
      await tx.run(client, ['client-gone', 1]);
      await tx.run("UPDATE clients SET status = 'deleted' WHERE client_id = 'client-gone'");
      await tx.run(client, ['client-live', 2]);
    });
    await t.close();
    t = null;
    // Closing checkpointed the WAL: the file alone is the store, as a copy of it would be.
    fs.copyFileSync(path.join(dir, STORE_FILE), path.join(dir, 'copy.sqlite'));
    raw = new sqlite3.Database(path.join(dir, STORE_FILE));
  }, 60_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => (raw ? raw.close(() => resolve()) : resolve()));
    await t?.close();
  });

  it('runs with SQLite defaults: recursive triggers and foreign keys off', async () => {
    expect(await all('PRAGMA recursive_triggers')).toEqual([{ recursive_triggers: 0 }]);
    expect(await all('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 0 }]);
  });

  // The shell tool an intruder would reach for; skipped only where it is not installed (Debian: apt-get install sqlite3).
  const cli = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
  it.skipIf(cli.status !== 0)('refuses the sqlite3 command line too, on a copy of the store', () => {
    const copy = path.join(dir, 'copy.sqlite');
    const attack = spawnSync('sqlite3', [copy, "REPLACE INTO audit_log SELECT seq, at, actor, desk, action, target, 'failure', detail, prev_hash, hash FROM audit_log WHERE seq = 2;"], {
      encoding: 'utf8',
    });
    expect(attack.status).not.toBe(0);
    expect(attack.stderr).toMatch(/the audit log is append-only, an entry is never replaced/);
    const outcome = spawnSync('sqlite3', [copy, 'SELECT outcome FROM audit_log WHERE seq = 2;'], { encoding: 'utf8' });
    expect(outcome.stdout.trim()).toBe('success');
  });

  it('cannot rewrite an audit entry or a history event', async () => {
    const before = await snapshot();
    const forged = `SELECT seq, at, actor, desk, action, target, 'failure', detail, prev_hash, hash FROM audit_log WHERE seq = 2`;
    const refused = /UNIQUE constraint failed: audit_log\.seq: the audit log is append-only/;
    await expect(run(`INSERT OR REPLACE INTO audit_log (seq, at, actor, desk, action, target, outcome, detail, prev_hash, hash) ${forged}`)).rejects.toThrow(refused);
    await expect(run(`REPLACE INTO audit_log (seq, at, actor, desk, action, target, outcome, detail, prev_hash, hash) ${forged}`)).rejects.toThrow(refused);
    await expect(
      run("INSERT OR REPLACE INTO verification_events (id, application_id, at, actor, event) VALUES (1, 1, 'now', 'admin', 'rejected')"),
    ).rejects.toThrow(/UNIQUE constraint failed: verification_events\.id: application history is append-only/);
    expect(await snapshot()).toEqual(before);
  });

  it('cannot replace a decided application, by id or by online id, nor take its key by UPDATE OR REPLACE', async () => {
    const before = await snapshot();
    const refused = /a decided application is never replaced/;
    const resubmitted = `INSERT OR REPLACE INTO verification_applications (${APPLICATION_COLUMNS})
      VALUES (?, 'alumni', '数学科学学院', '李四', 'prc_id', 'sealed', 'doc-c', '3***2', 'zh-CN', '数学科学学院', 'online', 'ONLINE-0001',
              'admin', 0, 'now', '2026-11-23', 'submitted', NULL)`;
    await expect(run(resubmitted, [1])).rejects.toThrow(refused);
    await expect(run(resubmitted, [99])).rejects.toThrow(refused); // same online id, new row
    await expect(run("UPDATE OR REPLACE verification_applications SET online_id = 'ONLINE-0001', channel = 'online' WHERE id = 2")).rejects.toThrow(refused);
    await expect(run('UPDATE OR REPLACE verification_applications SET id = 1 WHERE id = 2')).rejects.toThrow(refused);
    expect(await snapshot()).toEqual(before);
  });

  it('cannot replace an account that has a username, by any of its unique keys', async () => {
    const before = await snapshot();
    const refused = /an account with a username is never replaced/;
    const account = `INSERT OR REPLACE INTO accounts (${ACCOUNT_COLUMNS}) VALUES (?, ?, '张三', 'alumni', ?, '数学科学学院', 'prc_id', 'sealed', ?, '3***1', 'active', 'now', 'now')`;
    await expect(run(account, [1, 'lisi', '520099', 'doc-99'])).rejects.toThrow(/accounts\.id: an account with a username/);
    await expect(run(account, [50, 'ZhangSan', '520050', 'doc-50'])).rejects.toThrow(/accounts\.username: /);
    await expect(run(account, [51, 'wangwu', '520001', 'doc-51'])).rejects.toThrow(/accounts\.number: /);
    await expect(run(account, [52, 'wangwu', '520052', 'doc-a'])).rejects.toThrow(/accounts\.doc_index: /);
    // An UPSERT meets the same guard: an account with a username changes by UPDATE, which its own triggers check.
    await expect(
      run(`INSERT INTO accounts (${ACCOUNT_COLUMNS}) VALUES (60, NULL, '张三', 'alumni', '520001', 'X', 'prc_id', 's', 'doc-60', '3***1', 'pending', 'now', 'now')
           ON CONFLICT(number) DO UPDATE SET department = excluded.department`),
    ).rejects.toThrow(refused);
    // The pending account taking the live account's keys would delete it.
    await expect(run("UPDATE OR REPLACE accounts SET username = 'ZHANGSAN' WHERE id = 2")).rejects.toThrow(refused);
    await expect(run("UPDATE OR REPLACE accounts SET number = '520001' WHERE id = 2")).rejects.toThrow(refused);
    await expect(run("UPDATE OR REPLACE accounts SET doc_index = 'doc-a' WHERE id = 2")).rejects.toThrow(refused);
    await expect(run('UPDATE OR REPLACE accounts SET id = 1 WHERE id = 2')).rejects.toThrow(refused);
    expect(await snapshot()).toEqual(before);
  });

  it('cannot replace a staff member, by id or by username in any case', async () => {
    const before = await snapshot();
    const refused = /a staff member is never replaced/;
    const staff = "INSERT OR REPLACE INTO staff (id, username, display_name, password_hash, must_change_password, created_at) VALUES (?, ?, 'X', 'hash', 0, 'now')";
    await expect(run(staff, [1, 'intruder'])).rejects.toThrow(refused);
    await expect(run(staff, [7, 'ADMIN'])).rejects.toThrow(refused);
    await expect(run("INSERT INTO staff (username, display_name, password_hash, created_at) VALUES ('helper', 'H', 'x', 'now')")).resolves.toBe(1);
    await expect(run("UPDATE OR REPLACE staff SET id = 1 WHERE username = 'helper'")).rejects.toThrow(refused);
    await run("DELETE FROM staff WHERE username = 'helper'");
    expect(await snapshot()).toEqual(before);
  });

  it('cannot bring a revoked key back, change a key under its kid, or delete the live key of an algorithm by replacing it', async () => {
    const before = await snapshot();
    const copy = (state: string, kid = 'kid', certificate = 'certificate') =>
      `INSERT OR REPLACE INTO signing_keys (kid, alg, size, curve, fingerprint, certificate, private_key_sealed, state, origin, created_at, published_at, activated_at)
       SELECT ${kid}, alg, size, curve, fingerprint, ${certificate}, 'sealed-elsewhere', '${state}', 'restored', created_at, published_at, 'now'
       FROM signing_keys WHERE kid = ?`;
    await expect(run(copy('retired'), [keys.revoked])).rejects.toThrow(/signing_keys\.kid: a signing key is never replaced/);
    await expect(run(copy('retired', 'kid', "'forged'"), [keys.activeRsa])).rejects.toThrow(/signing_keys\.kid: /);
    await expect(run(copy('active', "'NEW-KID-1'"), [keys.activeRsa])).rejects.toThrow(/signing_keys\.alg: the active key of an algorithm is never replaced/);
    await expect(run(copy('next', "'NEW-KID-2'"), [keys.nextEd])).rejects.toThrow(/signing_keys\.alg: the next key of an algorithm is never replaced/);
    await expect(run("UPDATE OR REPLACE signing_keys SET state = 'active' WHERE kid = ?", [keys.nextEd])).rejects.toThrow(/the active key of an algorithm/);
    expect(await snapshot()).toEqual(before);
  });

  it('cannot bring a deleted client back, nor give an application another clientId by replacing its client', async () => {
    const before = await snapshot();
    const client = `INSERT OR REPLACE INTO clients (client_id, application_id, client_name, client_type, token_endpoint_auth_method, grant_types, scopes,
        redirect_uris, post_logout_redirect_uris, status, issued_at, issued_by, updated_at)
      VALUES (?, ?, 'App', 'confidential', 'client_secret_basic', '[]', '[]', '[]', '[]', 'enabled', 'now', 'admin', 'now')`;
    await expect(run(client, ['client-gone', 9])).rejects.toThrow(/clients\.client_id: a deleted client stays deleted/);
    await expect(run(client, ['client-gone', 1])).rejects.toThrow(/a deleted client stays deleted/);
    await expect(run(client, ['client-new', 1])).rejects.toThrow(/clients\.application_id: an application keeps its clientId/);
    await expect(run(client, ['client-new', 2])).rejects.toThrow(/clients\.application_id: /);
    await expect(run("UPDATE OR REPLACE clients SET application_id = 1 WHERE client_id = 'client-live'")).rejects.toThrow(/clients\.application_id: /);
    expect(await snapshot()).toEqual(before);
  });

  it('leaves rows the store does not protect open to REPLACE and UPSERT, as before', async () => {
    await expect(
      run(`INSERT INTO verification_applications (${APPLICATION_COLUMNS})
           VALUES (2, 'alumni', '数学科学学院', '李四', 'prc_id', 'sealed', 'doc-d', '3***2', 'zh-CN', '数学科学学院', 'counter', NULL, 'admin', 1, 'now', '2026-11-23', 'submitted', NULL)
           ON CONFLICT(id) DO UPDATE SET department = '物理与天文学院'`),
    ).resolves.toBe(1);
    await expect(
      run(`INSERT INTO accounts (${ACCOUNT_COLUMNS}) VALUES (NULL, NULL, '王五', 'alumni', '520002', '物理与天文学院', 'prc_id', 's', 'doc-b', '3***1', 'pending', 'now', 'now')
           ON CONFLICT(number) DO UPDATE SET department = excluded.department`),
    ).resolves.toBe(1);
    await expect(run("INSERT OR REPLACE INTO settings (key, value) VALUES ('security-store.probe', '1')")).resolves.toBe(1);
    await expect(run("INSERT INTO settings (key, value) VALUES ('security-store.probe', '2') ON CONFLICT(key) DO UPDATE SET value = excluded.value")).resolves.toBe(1);
    await expect(run("UPDATE clients SET scopes = '[\"openid\"]' WHERE client_id = 'client-live'")).resolves.toBe(1);
    expect(await all('SELECT department FROM verification_applications WHERE id = 2')).toEqual([{ department: '物理与天文学院' }]);
    expect(await all('SELECT department FROM accounts WHERE id = 2')).toEqual([{ department: '物理与天文学院' }]);
  });

  it('leaves the desk a store whose audit chain verifies and whose rows the attacks did not touch', async () => {
    await new Promise<void>((resolve, reject) => raw.close((err) => (err ? reject(err) : resolve())));
    t = await openTestDesk(dir);
    expect(await t.desk.audit.verify()).toMatchObject({ ok: true, firstBroken: null });
    expect(await t.desk.db.reader.all('SELECT username FROM accounts WHERE id = 1')).toEqual([{ username: 'zhangsan' }]);
    expect(await t.desk.db.reader.get("SELECT status FROM clients WHERE client_id = 'client-gone'")).toEqual({ status: 'deleted' });
    expect(await t.desk.db.reader.get('SELECT state FROM signing_keys WHERE kid = ?', [keys.revoked])).toEqual({ state: 'revoked' });
    expect(await t.desk.db.reader.get('SELECT status FROM verification_applications WHERE id = 1')).toEqual({ status: 'approved' });
    raw = null as never;
  });
});

describe('backup passwords follow the staff password policy', () => {
  let desk: TestDesk;
  let jar: Awaited<ReturnType<typeof signInFirstAdmin>>['jar'];
  beforeAll(async () => {
    desk = await openTestDesk();
    ({ jar } = await signInFirstAdmin(desk));
  });
  afterAll(() => desk.close());

  const folder = () => path.join(desk.dir, 'backups');
  const refusals = () => desk.desk.db.reader.all<{ action: string; outcome: string }>("SELECT action, outcome FROM audit_log WHERE action IN ('keys.backup', 'backup.create') ORDER BY seq");

  it.each([
    ['keys.backup', 'password1234', 'common_pattern'],
    ['keys.backup', 'Passw0rd-2026', 'common_pattern'],
    ['keys.backup', 'abababababab', 'too_repetitive'],
    ['backup.create', 'a'.repeat(16), 'too_repetitive'],
    ['backup.create', 'qwerty-qwerty-2026', 'common_pattern'],
    ['backup.create', `Safe backup ${'x1y2z3'.repeat(20)}`, 'too_long'],
  ] as const)('%s refuses %j (%s), field by field, and writes no file', async (channel, password, reason) => {
    const before = (await refusals()).length;
    const err = await desk.fail(channel, { password }, jar);
    expect(err).toMatchObject({ code: 'PASSWORD_POLICY', fields: [{ path: 'password', reason }] });
    expect(JSON.stringify(err)).not.toContain(password);
    expect(fs.existsSync(folder()) ? fs.readdirSync(folder()) : []).toEqual([]);
    expect((await refusals()).slice(before)).toEqual([{ action: channel, outcome: 'failure' }]);
  });

  it('keeps the length floor at the door, and takes strong passwords in any script', async () => {
    expect(await desk.fail('backup.create', { password: '闵行备份口令' }, jar)).toMatchObject({ code: 'VALIDATION' });
    const keys = await desk.call('keys.backup', { password: '闵行密钥备份 Minhang 2026' }, jar);
    const store = await desk.call('backup.create', { password: '徐汇整库备份口令 Xuhui 2026' }, jar);
    expect(fs.readdirSync(folder()).sort()).toEqual([keys.fileName, store.fileName].sort());
  });
});

describe('free text of applications and imports follows the text rules of names', () => {
  let desk: TestDesk;
  let admin: SessionCarrier;
  let operator: SessionCarrier;
  beforeAll(async () => {
    desk = await openTestDesk();
    ({ jar: admin } = await signInFirstAdmin(desk));
    ({ jar: operator } = await signedInStaff(desk, admin, 'counter1', ['counter_operator']));
  });
  afterAll(() => desk.close());

  const FIXTURES = 'test/fixtures/verification';
  const base64 = (name: string) => fs.readFileSync(`${FIXTURES}/${name}`).toString('base64');
  const ALUMNUS: AlumniApplicationInput = {
    realName: '王芳',
    documentType: 'prc_id',
    documentNumber: '310104199001011225',
    language: 'zh-CN',
    mobile: '13900001111',
    school: '电子信息与电气工程学院',
    enrolledYear: 2009,
    graduatedYear: 2013,
    major: '自动化',
    degree: 'bachelor',
    documentChecked: true,
    uploads: [
      { kind: 'id_photo', fileName: 'photo.png', contentBase64: base64('id-photo.png') },
      { kind: 'proof', fileName: 'diploma.pdf', contentBase64: base64('proof.pdf') },
    ],
  };
  const stored = async () => desk.desk.db.reader.all<{ school: string; major: string }>('SELECT school, major FROM verification_applications');

  /** What an attacker would slip in, and the reason each is refused with. */
  const HOSTILE = [
    ['a NUL byte', '\u0000', 'control_character'],
    ['a terminal escape sequence', '\u001b[2J\u001b[31m', 'control_character'],
    ['a C1 control', '\u009b31m', 'control_character'],
    ['a right-to-left override', '\u202e', 'bidi_control'],
    ['a bidi isolate', '\u2067', 'bidi_control'],
    ['a lone high surrogate', '\ud800', 'unpaired_surrogate'],
    ['a lone low surrogate', '\udc00', 'unpaired_surrogate'],
    ['a zero-width space', '\u200b', 'invisible_character'],
    ['a byte order mark', '\ufeff', 'invisible_character'],
    ['a private-use character', '\ue000', 'invisible_character'],
  ] as const;

  it.each(HOSTILE)('submitAlumni refuses %s in the school, the major and the name, by field, storing nothing', async (_what, bad, reason) => {
    for (const [field, value] of [
      ['school', `电子信息${bad}与电气工程学院`],
      ['major', `自动${bad}化`],
      ['realName', `王${bad}芳`],
    ] as const) {
      const err = await desk.fail('verification.submitAlumni', { ...ALUMNUS, [field]: value }, operator);
      expect(err).toMatchObject({ code: 'VALIDATION' });
      // Account input turns a BOM in a name into a space (JavaScript's \s holds it) before the rules see it: then no script allows it.
      const expected = field === 'realName' && bad === '\ufeff' ? 'script' : reason;
      expect(err.fields).toEqual([expect.objectContaining({ path: field, reason: expected })]);
    }
    const named = await desk.fail('verification.submitAlumni', { ...ALUMNUS, uploads: [{ ...ALUMNUS.uploads[0]!, fileName: `gpj${bad}.exe` }, ALUMNUS.uploads[1]!] }, operator);
    expect(named.fields).toEqual([expect.objectContaining({ path: 'uploads.0.fileName', reason })]);
    expect(JSON.stringify(named)).not.toContain(bad);
    expect(await stored()).toEqual([]);
  });

  it('refuses the same in a contact change, a withdrawal reason, a decision note and an import’s file name', async () => {
    const change = await desk.fail(
      'verification.submitContactChange',
      { realName: '王\u202e芳', documentType: 'prc_id', documentNumber: '310104199001011225', language: 'zh-CN', accountId: 1, newMobile: '13900002222', documentChecked: true, uploads: [] },
      operator,
    );
    expect(change.fields).toEqual([expect.objectContaining({ path: 'realName', reason: 'bidi_control' })]);
    expect(await desk.fail('verification.withdraw', { id: 1, reason: '申请人要求\u0000撤回' }, operator)).toMatchObject({
      code: 'VALIDATION',
      fields: [expect.objectContaining({ path: 'reason', reason: 'control_character' })],
    });
    expect(await desk.fail('verification.decide', { id: 1, decision: 'reject', reasonCode: 'other', note: '材料\u202e不符' }, admin)).toMatchObject({
      code: 'VALIDATION',
      fields: [expect.objectContaining({ path: 'note', reason: 'bidi_control' })],
    });
    const json = Buffer.from(JSON.stringify({ format: 'jaccount-alumni-applications/1', applications: [] })).toString('base64');
    expect(await desk.fail('verification.importOnline', { fileName: 'export\u001b[8m.json', contentBase64: json, dryRun: true }, operator)).toMatchObject({
      code: 'VALIDATION',
      fields: [expect.objectContaining({ path: 'fileName', reason: 'control_character' })],
    });
    expect(await stored()).toEqual([]);
  });

  it('refuses an online export whose application carries such text, importing none of it', async () => {
    const { documentChecked: _checked, ...online } = ALUMNUS;
    const applications = [
      { ...online, onlineId: 'WEB-0001', submittedAt: '2026-11-20T08:00:00+08:00', documentNumber: '110105198903031449', realName: '张敏' },
      { ...online, onlineId: 'WEB-0002', submittedAt: '2026-11-20T09:00:00+08:00', major: '自动化\u202e\u0000' },
    ];
    const contentBase64 = Buffer.from(JSON.stringify({ format: 'jaccount-alumni-applications/1', applications })).toString('base64');
    const report = await desk.call('verification.importOnline', { fileName: 'export.json', contentBase64, dryRun: false }, operator);
    expect(report).toMatchObject({ applied: false, created: 1, rejected: [{ index: 1, onlineId: 'WEB-0002', fields: [{ field: 'major', reason: 'control_character' }] }] });
    expect(await stored()).toEqual([]);
  });

  it('stores school and major as the rules normalize them: one space for any whitespace, composed', async () => {
    await desk.call('verification.submitAlumni', { ...ALUMNUS, school: ' 电子信息与电气工程学院\t', major: '自动化\u3000\n(控制方向)  Cafe\u0301' }, operator);
    expect(await stored()).toEqual([{ school: '电子信息与电气工程学院', major: '自动化 (控制方向) Café' }]);
  });

  it('refuses such text in the graduate registry too, row by row', async () => {
    const csv =
      '姓名,学号,证件类型,证件号码,学院,入学年份,毕业年份,学位,专业\n' +
      '李雷,5100309002,居民身份证,310104199102021334,机械与动力工程学院,2010,2014,硕士,机械工程\n' +
      '韩梅梅,5100309003,居民身份证,110105198903031449,机械\u202e与动力工程学院,2010,2014,硕士,机械\u0000工程\n';
    const report = await desk.call('registry.import', { fileName: 'graduates.csv', contentBase64: Buffer.from(csv).toString('base64'), dryRun: false }, admin);
    expect(report).toMatchObject({ created: 1, rejected: [{ line: 3, fields: [{ field: 'school', reason: 'bidi_control' }, { field: 'major', reason: 'control_character' }] }] });
    expect(await desk.desk.db.reader.all('SELECT school, major FROM graduate_registry')).toEqual([{ school: '机械与动力工程学院', major: '机械工程' }]);
  });
});

describe('CSV imports read the file as RFC 4180 (csv-parse)', () => {
  let desk: TestDesk;
  let admin: SessionCarrier;
  beforeAll(async () => {
    desk = await openTestDesk();
    ({ jar: admin } = await signInFirstAdmin(desk));
  });
  afterAll(() => desk.close());

  it('refuses a file with a quoted cell left open at its line, rather than import the rows before it and drop the rest unseen', async () => {
    const csv =
      'name,category,number,department,document_type,document_number\n' +
      'Ann Lee,visiting,V0001,Design,passport,E00001111\n' +
      'Bob Li,visiting,V0002,"Design,passport,E00002222\n' +
      'Carl Wu,visiting,V0003,Design,passport,E00003333\n';
    const contentBase64 = Buffer.from(csv).toString('base64');
    const accounts = await desk.call('accounts.import', { fileName: 'open-quote.csv', contentBase64, dryRun: false }, admin);
    expect(accounts).toMatchObject({ total: 0, created: 0, batchId: null, rejected: [{ line: 3, fields: [{ field: 'file', reason: 'quote_not_closed' }] }] });
    expect(await desk.desk.db.reader.get('SELECT count(*) AS n FROM accounts')).toEqual({ n: 0 });
    expect(await desk.desk.db.reader.get('SELECT count(*) AS n FROM import_batches')).toEqual({ n: 0 });
    const registry = await desk.call('registry.import', { fileName: 'open-quote.csv', contentBase64: Buffer.from('姓名,学号\n"李雷,5100309002\n').toString('base64'), dryRun: false }, admin);
    expect(registry).toMatchObject({ total: 0, rejected: [{ line: 2, fields: [{ field: 'file', reason: 'quote_not_closed' }] }] });
  });
});
