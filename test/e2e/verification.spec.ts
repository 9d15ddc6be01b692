import fs from 'node:fs';
import path from 'node:path';
import { type Page, expect } from '@playwright/test';
import { letActivationSettle } from '../support/store-tweaks';
import { type RunningDesk, test } from './desk-fixture';
import { type Admin, changeOneTimePassword, createStaff, freshTotp, onboardAdmin, rpcFromPage, signIn, signOut, stepAt } from './console-steps';

/*
 * Manual identity verification and contact changes, driven in Chromium against the headless
 * shell: intake at the counter with uploads, review by the department's reviewer with the
 * document viewer, approval, the activation code read off the outbox screen, the account
 * finished on the portal's /activate page and signing in; and a contact change end to end.
 * Screenshots of every screen go to /tmp/verification-shots at 1366x768 and 1920x1080.
 */

test.describe.configure({ mode: 'parallel' });

const FIXTURES = path.resolve('test/fixtures/verification');
const fixture = (name: string) => path.join(FIXTURES, name);
const SHOTS = '/tmp/verification-shots';
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];
const EIEE = '电子信息与电气工程学院';
const STAFF_PASSWORD = 'Reviewers read slowly 2026';

async function shoot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SHOTS}/${name}-${size.width}.png` });
  }
  await page.setViewportSize(SIZES[0]!);
}

/** A staff member with a role, and departments for a reviewer (set in the staff edit dialog); returns their one-time password. */
async function staffMember(page: Page, username: string, role: RegExp, departments: string[] = []) {
  const otp = await createStaff(page, { username, displayName: username, roles: [role] });
  if (departments.length) {
    await page.getByRole('button', { name: `${username} 的操作` }).click();
    await page.getByRole('menuitem', { name: /修改姓名和角色/ }).click();
    const dialog = page.getByRole('dialog');
    const tags = dialog.getByTestId('staff-departments');
    for (const d of departments) {
      await tags.fill(d);
      await tags.press('Enter');
    }
    await shoot(page, 'staff-departments');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toHaveCount(0);
  }
  return otp;
}

async function signInAs(page: Page, desk: RunningDesk, username: string, password: string, firstTime: boolean) {
  await page.goto(desk.url);
  await signIn(page, username, firstTime ? password : STAFF_PASSWORD, 'xuhui');
  if (firstTime) await changeOneTimePassword(page, password, STAFF_PASSWORD);
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

async function signInAdmin(page: Page, desk: RunningDesk, admin: Admin) {
  await page.goto(desk.url);
  await signIn(page, admin.username, admin.password, 'minhang');
  await page.getByTestId('totp-code').fill(await freshTotp(admin.secret, admin.totpStep));
  admin.totpStep = stepAt(Date.now());
  await page.getByRole('button', { name: '验证', exact: true }).click();
  await expect(page.getByTestId('nav-outbox')).toBeVisible();
}


test('alumni verification: intake with uploads, department review with the viewer, approval, the code from the outbox, activation, sign-in', async ({
  page,
  desk,
  browser,
}) => {
  test.setTimeout(240_000);
  const admin = await onboardAdmin(page, desk);
  const counterOtp = await staffMember(page, 'counter1', /^柜台操作员/);
  const reviewerOtp = await staffMember(page, 'reviewer1', /^审核员/, [EIEE]);
  const graduates = fs.readFileSync(path.resolve('test/fixtures/verification/graduates.csv')).toString('base64');
  expect((await rpcFromPage(page, 'registry.import', { fileName: 'graduates.csv', contentBase64: graduates, dryRun: false })).body.ok).toBe(true);
  await page.getByTestId('nav-calendar').click();
  await expect(page.getByTestId('month-view')).toBeVisible();
  await page.getByTestId('vacation-add').click();
  const row = page.getByTestId('vacation-row').first();
  await row.getByLabel(/^学年/).fill('2026-2027');
  await row.getByLabel(/^首日/).fill('2027-02-20');
  await row.getByLabel(/^末日/).fill('2027-01-18');
  await page.getByTestId('calendar-save').click();
  await expect(page.getByTestId('vacation-error')).toContainText('末日早于首日');
  await row.getByLabel(/^首日/).fill('2027-01-18');
  await row.getByLabel(/^末日/).fill('2027-02-26');
  await page.getByTestId('calendar-save').click();
  await expect(page.getByTestId('vacation-error')).toHaveCount(0);
  while ((await page.getByTestId('month-label').innerText()) !== '2027-02') await page.getByTestId('month-next').click();
  await expect(page.locator('[data-testid="month-day"][data-date="2027-02-15"]')).toHaveAttribute('data-kind', 'vacation');
  await shoot(page, 'calendar');
  await signOut(page);

  // The counter: a GIF named .png is refused at once; the real photo and the PDF proof are taken.
  await signInAs(page, desk, 'counter1', counterOtp, true);
  await page.getByTestId('nav-applications').click();
  const form = page.getByTestId('alumni-form');
  await form.getByLabel(/^姓名/).fill('王芳');
  await form.getByLabel(/^证件号码/).fill('310104199001011225');
  await form.getByLabel(/^手机/).fill('13900001111');
  await form.getByLabel(/^邮箱/).fill('wang.fang@example.com');
  await form.getByLabel(/^学院/).fill(EIEE);
  await form.getByLabel(/^入学年份/).fill('2009');
  await form.getByLabel(/^毕业年份/).fill('2013');
  await form.getByLabel(/^专业/).fill('自动化');
  await form.getByLabel(/^学位/).click();
  await page.getByRole('option', { name: '学士' }).click();
  await page.locator('input[type="file"]').nth(0).setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: fs.readFileSync(fixture('photo.gif')) });
  await expect(form.getByText('不是 JPEG、PNG 或 PDF 文件')).toBeVisible();
  await page.locator('input[type="file"]').nth(0).setInputFiles(fixture('id-photo.png'));
  await page.locator('input[type="file"]').nth(1).setInputFiles(fixture('proof.pdf'));
  await expect(form.getByText(/PNG，\d+ KiB/)).toBeVisible();
  await form.getByTestId('intake-document-checked').check();
  await shoot(page, 'applications-alumni');
  await page.getByTestId('alumni-submit').click();
  await expect(page.getByTestId('intake-done')).toContainText(`已提交至${EIEE}`);
  await page.getByTestId('tab-list').click();
  await expect(page.getByTestId('application-row')).toHaveCount(1);
  await shoot(page, 'applications-list');
  // The operator holds intake, not review: the desk refuses a decision from them.
  const refused = await rpcFromPage(page, 'verification.decide', { id: 1, decision: 'approve' });
  expect(refused.body.error?.code).toBe('FORBIDDEN');
  await signOut(page);

  // The reviewer of the department: the case, the registry match, the uploads zoomed and rotated, then approval.
  await signInAs(page, desk, 'reviewer1', reviewerOtp, true);
  await page.getByTestId('nav-review').click();
  const queueRow = page.getByTestId('application-row').first();
  await expect(queueRow).toContainText('王芳');
  await expect(queueRow.getByTestId('deadline')).toHaveAttribute('data-flag', 'normal');
  await shoot(page, 'review-queue');
  await queueRow.click();
  const caseView = page.getByTestId('case-view');
  await expect(caseView.getByTestId('registry-match')).toHaveAttribute('data-by', 'document');
  await expect(caseView.getByTestId('match-graduatedYear')).toHaveAttribute('data-compare', 'same');
  await expect(caseView.getByTestId('duplicate-check')).toHaveAttribute('data-outcome', 'none');
  const image = caseView.getByTestId('viewer-image');
  await expect(image).toBeVisible();
  await expect(image).toHaveJSProperty('complete', true);
  expect(await image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(240);
  await caseView.getByTestId('viewer-zoom-in').click();
  await caseView.getByTestId('viewer-rotate').click();
  await expect(caseView.getByTestId('viewer-scale')).toHaveText('125%');
  await expect(image).toHaveCSS('transform', /matrix\(0, 1, -1, 0|matrix\(6.12323e-17, 1, -1, 6.12323e-17/);
  await shoot(page, 'review-case-photo');
  await caseView.getByTestId('upload-picker').getByText(/证明材料/).click();
  await expect(caseView.getByTestId('pdf-pages')).toHaveAttribute('data-state', 'ready');
  await expect(caseView.locator('canvas[data-page="1"]')).toBeVisible();
  await shoot(page, 'review-case-pdf');
  await caseView.getByTestId('case-approve').click();
  await shoot(page, 'review-approve-dialog');
  await page.getByTestId('decision-submit').click();
  await expect(caseView.getByTestId('case-decision')).toContainText('已通过');
  await page.keyboard.press('Escape');
  await signOut(page);

  // The activation code, read off the outbox screen (development adapter).
  await signInAdmin(page, desk, admin);
  await page.getByTestId('nav-outbox').click();
  const message = page.locator('[data-testid="outbox-row"][data-template="activation_code"]').first();
  await expect(message).toContainText('w***@example.com');
  await message.click();
  const body = page.getByTestId('outbox-body');
  await expect(body).toContainText(/[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/);
  const code = /([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(await body.innerText())![1]!;

  // The alumnus finishes the account on the portal, then signs in with it.
  const person = await browser.newPage({ locale: 'zh-CN' });
  try {
    await person.goto(`${desk.portalUrl}activate`);
    await person.getByLabel('激活码').fill(code);
    await person.getByLabel('用户名').fill('wangfang09');
    await person.getByLabel('密码', { exact: true }).fill('Lanterns over the river 88');
    await person.getByLabel('再次输入密码').fill('Lanterns over the river 88');
    await person.getByRole('button', { name: '激活' }).click();
    await expect(person.getByTestId('activated')).toContainText('wangfang09');
    await letActivationSettle(desk.dataDir, 'wangfang09');
    await person.goto(`${desk.portalUrl}code`);
    await person.locator('#username').fill('wangfang09');
    await person.locator('#password').fill('Lanterns over the river 88');
    await person.locator('form button[type="submit"]').click();
    await expect(person.getByTestId('identity-qr')).toBeVisible();
  } finally {
    await person.close();
  }
});

test('contact change: find the account, new contacts, review, approval, the account changed and the notice to the new contact', async ({ page, desk }) => {
  test.setTimeout(180_000);
  const admin = await onboardAdmin(page, desk);
  const reviewerOtp = await staffMember(page, 'reviewer2', /^审核员/, [EIEE]);
  const registered = await rpcFromPage(page, 'accounts.register', {
    realName: '张敏',
    category: 'staff',
    department: EIEE,
    documentType: 'prc_id',
    documentNumber: '110105198903031449',
    mobile: '13700002222',
    email: 'old.zhang@example.com',
    documentChecked: true,
  });
  const accountId = (registered.body.value as { account: { id: number } }).account.id;

  await page.getByTestId('nav-applications').click();
  await page.getByTestId('tab-contact').click();
  const find = page.getByTestId('contact-find-form');
  await find.getByLabel(/^姓名/).fill('张三');
  await find.getByLabel(/^证件号码/).fill('110105198903031449');
  await page.getByTestId('contact-find').click();
  await expect(page.getByTestId('form-error')).toBeVisible();
  await find.getByLabel(/^姓名/).fill('张敏');
  await page.getByTestId('contact-find').click();
  await expect(page.getByTestId('contact-found')).toContainText('*******2222');
  const change = page.getByTestId('contact-change-form');
  await change.getByLabel(/^新手机/).fill('13700002222');
  await change.getByTestId('intake-document-checked').check();
  await page.getByTestId('contact-submit').click();
  await expect(change.getByText('该手机仍绑定在账号上')).toBeVisible();
  await change.getByLabel(/^新手机/).fill('13600003333');
  await change.getByLabel(/^新邮箱/).fill('new.zhang@example.com');
  await shoot(page, 'applications-contact');
  await page.getByTestId('contact-submit').click();
  await expect(page.getByTestId('intake-done')).toBeVisible();
  await signOut(page);

  await signInAs(page, desk, 'reviewer2', reviewerOtp, true);
  await page.getByTestId('nav-review').click();
  await page.getByTestId('application-row').first().click();
  const caseView = page.getByTestId('case-view');
  await expect(caseView).toContainText('*******3333');
  await expect(caseView).toContainText('*******2222');
  await shoot(page, 'review-contact-case');
  await caseView.getByTestId('case-approve').click();
  await page.getByTestId('decision-submit').click();
  await expect(caseView.getByTestId('case-decision')).toContainText('已通过');
  await page.keyboard.press('Escape');
  await page.getByTestId('review-view').getByText('已办结').click();
  await expect(page.getByTestId('application-row')).toHaveCount(1);
  await shoot(page, 'review-decided');
  await signOut(page);

  await signInAdmin(page, desk, admin);
  const card = await rpcFromPage(page, 'accounts.get', { id: accountId });
  expect(card.body.value).toMatchObject({ mobileMasked: '*******3333', emailMasked: 'n***@example.com' });
  await page.getByTestId('nav-outbox').click();
  const notice = page.locator('[data-testid="outbox-row"][data-template="contact_change_approved"]');
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText('n***@example.com');
});
