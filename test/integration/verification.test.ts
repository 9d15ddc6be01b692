import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { countAccounts, findAccountById } from '../../src/main/accounts/account-repository';
import { activateAccount } from '../../src/main/accounts/activation';
import { openNotificationParams, openNotificationRecipient } from '../../src/main/notify/outbox';
import type { SessionCarrier } from '../../src/main/rpc/context';
import { findApplication, latestApplications } from '../../src/main/verification/application-repository';
import { findUploadContent, uploadsOf } from '../../src/main/verification/upload-repository';
import { purgeUploads } from '../../src/main/verification/upload-purge';
import type { AlumniApplicationInput } from '../../src/shared/contract/verification';
import { allNotifications, auditEntriesOf } from '../support/readers';
import { type TestDesk, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';
import { signedInStaff } from '../support/key-admins';

let t: TestDesk;
afterEach(async () => t?.close());

const FIXTURES = 'test/fixtures/verification';
const base64 = (name: string) => fs.readFileSync(`${FIXTURES}/${name}`).toString('base64');
const EIEE = '电子信息与电气工程学院';
const ME = '机械与动力工程学院';

/** 王芳 of the graduate registry fixture, applying at the counter with both uploads. */
const WANG: AlumniApplicationInput = {
  realName: '王芳',
  documentType: 'prc_id',
  documentNumber: '310104199001011225',
  language: 'zh-CN',
  mobile: '13900001111',
  email: 'Wang.Fang@example.com',
  school: EIEE,
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

interface Cast {
  admin: SessionCarrier;
  operator: SessionCarrier;
  reviewer: SessionCarrier;
  reviewerId: number;
  outsider: SessionCarrier;
}

/** An admin, a counter operator, a reviewer for EIEE and a reviewer for ME. */
async function cast(): Promise<Cast> {
  t = await openTestDesk();
  const { jar: admin } = await signInFirstAdmin(t);
  const { jar: operator } = await signedInStaff(t, admin, 'counter1', ['counter_operator']);
  const reviewer = await signedInStaff(t, admin, 'reviewer1', ['reviewer']);
  const outsider = await signedInStaff(t, admin, 'reviewer2', ['reviewer']);
  await t.call('staff.update', { id: reviewer.staff.id, departments: [EIEE] }, admin);
  await t.call('staff.update', { id: outsider.staff.id, departments: [ME] }, admin);
  return { admin, operator, reviewer: reviewer.jar, reviewerId: reviewer.staff.id, outsider: outsider.jar };
}

/** More applications than any test here takes in: the reader's latest that many are all of them. */
const ALL = 1000;
const applicationCount = async () => (await latestApplications(t.desk.db.reader, null, ALL)).length;
// No reader counts every upload: the store's own count.
const uploadCount = async () => (await t.desk.db.reader.get<{ n: number }>('SELECT count(*) AS n FROM verification_uploads'))!.n;

async function notifications() {
  const rows = await allNotifications(t.desk.db.reader);
  return rows.map((r) => ({
    template: r.template,
    channel: r.channel,
    to: openNotificationRecipient(t.desk.dataKey, r.recipient_sealed),
    params: openNotificationParams(t.desk.dataKey, r.params_sealed),
  }));
}

describe('alumni verification', () => {
  it('refuses a wrong file type, an oversize file or missing uploads with a field error, and stores nothing', async () => {
    const c = await cast();
    const gif = { kind: 'id_photo' as const, fileName: 'photo.png', contentBase64: base64('photo.gif') };
    const wrong = await t.fail('verification.submitAlumni', { ...WANG, uploads: [gif, WANG.uploads[1]!] }, c.operator);
    expect(wrong).toMatchObject({ code: 'VALIDATION' });
    expect(wrong.fields).toEqual([expect.objectContaining({ path: 'uploads.0', reason: 'file_type' })]);

    await t.call('verification.updateSettings', { uploadMaxBytes: 256 * 1024, purgeAfterDays: 30 }, c.admin);
    const big = Buffer.concat([fs.readFileSync(`${FIXTURES}/proof.pdf`), Buffer.alloc(300 * 1024)]).toString('base64');
    const oversize = await t.fail(
      'verification.submitAlumni',
      { ...WANG, uploads: [WANG.uploads[0]!, { kind: 'proof', fileName: 'big.pdf', contentBase64: big }] },
      c.operator,
    );
    expect(oversize.fields).toEqual([expect.objectContaining({ path: 'uploads.1', reason: 'too_large', params: expect.objectContaining({ maximum: 262144 }) })]);

    const missing = await t.fail('verification.submitAlumni', { ...WANG, uploads: [WANG.uploads[0]!], graduatedYear: 2008 }, c.operator);
    expect(missing.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'uploads', reason: 'missing_proof' }),
        expect.objectContaining({ path: 'graduatedYear', reason: 'before_enrollment' }),
      ]),
    );
    expect(await applicationCount()).toBe(0);
    expect(await uploadCount()).toBe(0);
  });

  it('keeps PII and uploads sealed, scopes reviewers to their departments, and keeps intake operators from deciding', async () => {
    const c = await cast();
    const app = await t.call('verification.submitAlumni', WANG, c.operator);
    expect(app).toMatchObject({ status: 'submitted', department: EIEE, documentMasked: '**************1225', channel: 'counter' });
    // Monday 23 Nov 2026 + 7 working days = Wednesday 2 Dec.
    expect(app.deadline).toEqual({ dueOn: '2026-12-02', workingDaysLeft: 7, overdue: false });

    const stored = JSON.stringify(await latestApplications(t.desk.db.reader, null, ALL));
    for (const secret of ['310104199001011225', '+8613900001111', 'wang.fang@example.com']) expect(stored.toLowerCase()).not.toContain(secret.toLowerCase());
    const proof = (await uploadsOf(t.desk.db.reader, app.id)).find((u) => u.kind === 'proof')!;
    const upload = await findUploadContent(t.desk.db.reader, app.id, proof.id);
    expect(upload!.content_sealed!.includes(Buffer.from('%PDF-'))).toBe(false);

    // The other department's reviewer sees an empty queue and is refused the case, its uploads and its decision.
    expect((await t.call('verification.queue', { view: 'open' }, c.outsider)).items).toEqual([]);
    expect(await t.fail('verification.get', { id: app.id }, c.outsider)).toMatchObject({ code: 'FORBIDDEN', params: { reason: 'out_of_scope' } });
    expect(await t.fail('verification.viewUpload', { id: app.id, uploadId: 1 }, c.outsider)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await t.fail('verification.decide', { id: app.id, decision: 'approve' }, c.outsider)).toMatchObject({ code: 'FORBIDDEN' });
    // The counter operator holds intake, not review.
    expect(await t.fail('verification.decide', { id: app.id, decision: 'approve' }, c.operator)).toMatchObject({
      code: 'FORBIDDEN',
      params: { permission: 'verification.review' },
    });
    expect(await t.fail('verification.queue', { view: 'open' }, c.operator)).toMatchObject({ code: 'FORBIDDEN' });

    const queue = await t.call('verification.queue', { view: 'open' }, c.reviewer);
    expect(queue.items.map((i) => i.id)).toEqual([app.id]);
    const detail = await t.call('verification.get', { id: app.id }, c.reviewer);
    expect(detail.uploads.map((u) => [u.kind, u.mediaType])).toEqual([
      ['id_photo', 'image/png'],
      ['proof', 'application/pdf'],
    ]);
    const viewed = await t.call('verification.viewUpload', { id: app.id, uploadId: detail.uploads[1]!.id }, c.reviewer);
    expect(Buffer.from(viewed.contentBase64, 'base64').equals(fs.readFileSync(`${FIXTURES}/proof.pdf`))).toBe(true);
    const views = await auditEntriesOf(t.desk.db.reader, 'verification.viewUpload', { outcome: 'success' });
    expect(views).toHaveLength(1);
    expect(await auditEntriesOf(t.desk.db.reader, 'verification.get', { outcome: 'denied' })).toHaveLength(1);
  });

  it('matches the graduate registry, approves once into a pending alumni account whose code arrives by the outbox and activates it', async () => {
    const c = await cast();
    const imported = await t.call('registry.import', { fileName: 'graduates.csv', contentBase64: base64('graduates.csv'), dryRun: false }, c.admin);
    expect(imported).toMatchObject({ total: 4, created: 3, encoding: 'utf-8' });
    expect(imported.rejected).toEqual([
      {
        line: 5,
        fields: expect.arrayContaining([
          { field: 'studentNumber', reason: 'format' },
          { field: 'documentNumber', reason: 'format' },
          { field: 'enrolledYear', reason: 'year' },
          { field: 'degree', reason: 'unknown_degree' },
        ]),
      },
    ]);
    expect((await t.call('registry.import', { fileName: 'graduates.csv', contentBase64: base64('graduates.csv'), dryRun: false }, c.admin)).unchanged).toBe(3);

    const app = await t.call('verification.submitAlumni', { ...WANG, graduatedYear: 2014 }, c.operator);
    const detail = await t.call('verification.get', { id: app.id }, c.reviewer);
    expect(detail.registry).toEqual([
      expect.objectContaining({
        by: 'document',
        studentNumber: '5090309001',
        fields: expect.objectContaining({ name: 'same', document: 'same', school: 'same', enrolledYear: 'same', graduatedYear: 'different' }),
      }),
    ]);
    expect(detail.duplicate).toEqual({ outcome: 'none', usernameMasked: null });

    // A reviewer does not decide what they took in (four eyes).
    await t.call('staff.update', { id: c.reviewerId, roles: ['reviewer', 'counter_operator'] }, c.admin);
    const own = await t.call('verification.submitAlumni', { ...WANG, realName: '张敏', documentNumber: '110105198903031449', email: 'zm@example.com' }, c.reviewer);
    expect(await t.fail('verification.decide', { id: own.id, decision: 'approve' }, c.reviewer)).toMatchObject({
      code: 'FORBIDDEN',
      params: { reason: 'own_intake' },
    });

    const approved = await t.call('verification.decide', { id: app.id, decision: 'approve', note: '学籍核对无误' }, c.reviewer);
    expect(approved).toMatchObject({ status: 'approved', decision: { reason: null, by: 'reviewer1' } });
    const account = (await findAccountById(t.desk.db.reader, (await findApplication(t.desk.db.reader, app.id))!.created_account_id!))!;
    expect(account).toMatchObject({ category: 'alumni', status: 'pending', department: EIEE, activation_channel: 'email' });

    const [notice] = await notifications();
    expect(notice).toMatchObject({ template: 'activation_code', channel: 'email', to: 'Wang.Fang@example.com' });
    const code = notice!.params.code!;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(JSON.stringify(await t.desk.db.reader.all('SELECT * FROM activation_codes'))).not.toContain(code);

    // A decision is final: not twice, and not behind the service's back either.
    expect(await t.fail('verification.decide', { id: app.id, decision: 'reject', reasonCode: 'other', note: 'changed my mind' }, c.reviewer)).toMatchObject({
      code: 'CONFLICT',
      params: { reason: 'already_decided' },
    });
    await expect(t.desk.db.write((tx) => tx.run("UPDATE verification_applications SET status = 'rejected' WHERE id = ?", [app.id]))).rejects.toThrow(
      /never changes/,
    );
    await expect(t.desk.db.write((tx) => tx.run('DELETE FROM verification_applications WHERE id = ?', [app.id]))).rejects.toThrow(/never deleted/);

    // The applicant finishes the account with the code, as on the portal's /activate page.
    const done = await activateAccount(t.desk, { code, username: 'wangfang09', password: 'Lanterns over the river 88' }, t.clock.now);
    expect(done).toMatchObject({ accountId: account.id, username: 'wangfang09' });

    // The same person again: an account exists, so no new application (sign in or recover instead).
    expect(await t.fail('verification.submitAlumni', WANG, c.operator)).toMatchObject({
      code: 'CONFLICT',
      params: { reason: 'account_exists', username: 'w***9' },
    });
  });

  it('rejects with a reason code and a note, and tells the applicant the reason in their language', async () => {
    const c = await cast();
    const app = await t.call('verification.submitAlumni', { ...WANG, email: undefined, language: 'en' }, c.operator);
    const bad = await t.fail('verification.decide', { id: app.id, decision: 'reject', reasonCode: 'not_in_registry', note: '' }, c.reviewer);
    expect(bad).toMatchObject({ code: 'VALIDATION' });
    expect(bad.fields).toEqual([expect.objectContaining({ path: 'note' })]);
    const rejected = await t.call('verification.decide', { id: app.id, decision: 'reject', reasonCode: 'not_in_registry', note: '名册无此人' }, c.reviewer);
    expect(rejected).toMatchObject({ status: 'rejected', decision: { reason: 'not_in_registry', note: '名册无此人' } });
    expect(await notifications()).toEqual([
      expect.objectContaining({ template: 'verification_rejected', channel: 'sms', to: '+8613900001111', params: expect.objectContaining({ reason: expect.stringContaining('graduate registry') }) }),
    ]);
    expect(await countAccounts(t.desk.db.reader)).toBe(0);
  });
});

describe('contact change', () => {
  it('finds the account by name and document, replaces every bound contact on approval and notifies the new contact', async () => {
    const c = await cast();
    const { account } = await t.call(
      'accounts.register',
      { realName: '张敏', category: 'staff', department: EIEE, documentType: 'prc_id', documentNumber: '110105198903031449', mobile: '13700002222', email: 'old@example.com', documentChecked: true },
      c.admin,
    );
    expect(await t.fail('verification.findAccount', { realName: '张三', documentType: 'prc_id', documentNumber: '110105198903031449' }, c.operator)).toMatchObject({
      code: 'NOT_FOUND',
    });
    const found = await t.call('verification.findAccount', { realName: '张敏', documentType: 'prc_id', documentNumber: '110105198903031449' }, c.operator);
    expect(found).toMatchObject({ id: account.id, mobileMasked: '*******2222', emailMasked: 'o***@example.com' });

    const change = { accountId: account.id, realName: '张敏', documentType: 'prc_id' as const, documentNumber: '110105198903031449', language: 'zh-CN' as const, documentChecked: true as const, uploads: [] };
    const same = await t.fail('verification.submitContactChange', { ...change, newMobile: '137 0000 2222' }, c.operator);
    expect(same.fields).toEqual([expect.objectContaining({ path: 'newMobile', reason: 'same_as_bound' })]);
    const none = await t.fail('verification.submitContactChange', change, c.operator);
    expect(none.fields).toEqual([expect.objectContaining({ path: 'newMobile', reason: 'contact_required' })]);

    const app = await t.call('verification.submitContactChange', { ...change, newMobile: '13600003333' }, c.operator);
    expect(app).toMatchObject({ kind: 'contact_change', department: EIEE });
    await t.call('verification.decide', { id: app.id, decision: 'approve' }, c.reviewer);
    const card = await t.call('accounts.get', { id: account.id }, c.admin);
    expect(card).toMatchObject({ mobileMasked: '*******3333', emailMasked: null });
    const sent = (await notifications()).filter((n) => n.template === 'contact_change_approved');
    expect(sent).toEqual([expect.objectContaining({ channel: 'sms', to: '+8613600003333' })]);
  });
});

describe('online import, deadlines and purge', () => {
  const exportOf = (applications: unknown[]) =>
    Buffer.from(JSON.stringify({ format: 'jaccount-alumni-applications/1', applications })).toString('base64');
  const online = (onlineId: string, extra: object = {}) => {
    const { documentChecked: _checked, ...rest } = WANG;
    return { ...rest, onlineId, submittedAt: '2026-11-20T09:00:00+08:00', ...extra };
  };

  it('imports all or nothing, reports per field, and is idempotent by online id', async () => {
    const c = await cast();
    const broken = exportOf([online('web-0001'), online('web-0002', { documentNumber: '110105198903031448', email: 'x', realName: '张敏' })]);
    const refused = await t.call('verification.importOnline', { fileName: 'export.json', contentBase64: broken, dryRun: false }, c.operator);
    expect(refused).toMatchObject({ total: 2, applied: false });
    expect(refused.rejected).toEqual([
      {
        index: 1,
        onlineId: 'web-0002',
        fields: expect.arrayContaining([
          { field: 'documentNumber', reason: 'check_character' },
          { field: 'email', reason: 'format' },
        ]),
      },
    ]);
    expect(await applicationCount()).toBe(0);

    const good = exportOf([online('web-0001'), online('web-0002', { documentNumber: '110105198903031449', realName: '张敏', email: 'zm@example.com' })]);
    expect(await t.call('verification.importOnline', { fileName: 'export.json', contentBase64: good, dryRun: false }, c.operator)).toMatchObject({
      created: 2,
      applied: true,
    });
    expect(await t.call('verification.importOnline', { fileName: 'export.json', contentBase64: good, dryRun: false }, c.operator)).toMatchObject({
      created: 0,
      unchanged: 2,
      applied: true,
    });
    // Submitted online on Friday 20 Nov: due Tuesday 1 Dec, oldest first.
    const queue = await t.call('verification.queue', { view: 'open' }, c.reviewer);
    expect(queue.items.map((i) => [i.channel, i.deadline?.dueOn])).toEqual([
      ['online', '2026-12-01'],
      ['online', '2026-12-01'],
    ]);
    const detail = await t.call('verification.get', { id: queue.items[0]!.id }, c.reviewer);
    expect(detail.documentChecked).toBe(false);
  });

  it('skips the winter vacation in the deadline, marks near and overdue cases, and purges uploads after the decision', async () => {
    const c = await cast();
    const bad = await t.fail(
      'calendar.save',
      { holidays: [], workdays: [], vacations: [{ academicYear: '2026-2027', kind: 'winter', from: '2027-02-20', to: '2027-01-18' }] },
      c.admin,
    );
    expect(bad.fields).toEqual([expect.objectContaining({ path: 'vacations.0.to', reason: 'before_start' })]);
    await t.call(
      'calendar.save',
      {
        holidays: [{ date: '2026-11-26', name: 'test holiday' }],
        workdays: [],
        vacations: [{ academicYear: '2026-2027', kind: 'winter', from: '2026-11-27', to: '2026-11-30' }],
      },
      c.admin,
    );
    const app = await t.call('verification.submitAlumni', WANG, c.operator);
    // Mon 23 Nov: 24, 25 (26 holiday; 27-30 vacation), 1, 2, 3, 4, 7 Dec.
    expect(app.deadline?.dueOn).toBe('2026-12-07');
    // The same case as if it had come in earlier (sessions idle out, so the dates move instead of the clock).
    const standing = async (submittedOn: string) => {
      await t.desk.db.write((tx) => tx.run('UPDATE verification_applications SET submitted_on = ? WHERE id = ?', [submittedOn, app.id]));
      return (await t.call('verification.queue', { view: 'open' }, c.reviewer)).items[0];
    };
    // Tue 17 Nov: due Tue 1 Dec (26 Nov a holiday, 27-30 Nov vacation), 3 working days left.
    expect(await standing('2026-11-17')).toMatchObject({ near: false, deadline: { dueOn: '2026-12-01', workingDaysLeft: 3 } });
    expect(await standing('2026-11-13')).toMatchObject({ near: true, deadline: { dueOn: '2026-11-24', workingDaysLeft: 1 } });
    expect(await standing('2026-11-10')).toMatchObject({ near: false, deadline: { dueOn: '2026-11-19', overdue: true, workingDaysLeft: -2 } });

    await t.call('verification.decide', { id: app.id, decision: 'reject', reasonCode: 'documents_unreadable', note: '照片模糊' }, c.reviewer);
    await t.call('verification.updateSettings', { uploadMaxBytes: 5 * 1024 * 1024, purgeAfterDays: 10 }, c.admin);
    expect(await purgeUploads(t.desk.store, new Date(t.clock.now.getTime() + 9 * 24 * 3600_000))).toBe(0);
    expect(await purgeUploads(t.desk.store, new Date(t.clock.now.getTime() + 11 * 24 * 3600_000))).toBe(2);
    const uploads = await uploadsOf(t.desk.db.reader, app.id);
    const contents = await Promise.all(uploads.map((u) => findUploadContent(t.desk.db.reader, app.id, u.id)));
    expect(uploads.every((u, i) => contents[i]!.content_sealed === null && u.purged_at && /^[0-9a-f]{64}$/.test(u.sha256))).toBe(true);
    const detail = await t.call('verification.get', { id: app.id }, c.reviewer);
    expect(await t.fail('verification.viewUpload', { id: app.id, uploadId: detail.uploads[0]!.id }, c.reviewer)).toMatchObject({
      code: 'CONFLICT',
      params: { reason: 'purged' },
    });
    expect(detail.history.map((h) => h.event)).toEqual(['submitted', 'rejected', 'uploads_purged']);
  });
});
