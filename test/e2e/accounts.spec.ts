import fs from 'node:fs';
import path from 'node:path';
import { type Locator, type Page, expect } from '@playwright/test';
import { test } from './desk-fixture';
import { changeOneTimePassword, createStaff, onboardAdmin, rpcFromPage, signIn } from './console-steps';

/*
 * The Account lookup area and its neighbours, driven in Chromium against the headless shell:
 * counter registration, registrar import, search by every key, the card with its diagnosis,
 * reveal with a reason, and the keyboard. Each test has a desk of its own.
 */

test.describe.configure({ mode: 'parallel' });

const FIXTURES = path.resolve('test/e2e/fixtures');
const fixture = (name: string) => path.join(FIXTURES, name);

/** A resident ID number with a correct ISO 7064 MOD 11-2 check character (GB 11643-1999). */
function prcId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

/** The same number with a check character that does not match. */
function withWrongCheck(id: string): string {
  return id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
}

async function importViaDesk(page: Page, file: string) {
  const contentBase64 = fs.readFileSync(fixture(file)).toString('base64');
  const res = await rpcFromPage(page, 'accounts.import', { fileName: file, contentBase64, dryRun: false });
  expect(res.body.ok).toBe(true);
}

async function fillRegistration(page: Page, person: { name: string; category: string; number?: string; department: string; doc: string; mobile: string; email?: string }) {
  const form = page.getByTestId('register-form');
  await form.getByLabel(/^姓名/).fill(person.name);
  await form.getByLabel(/^类别/).click();
  await page.getByRole('option', { name: person.category, exact: true }).click();
  await form.getByLabel(/^学工号/).fill(person.number ?? '');
  await form.getByLabel(/^院系/).fill(person.department);
  await form.getByLabel(/^证件号码/).fill(person.doc);
  await form.getByLabel(/^手机/).fill(person.mobile);
  await form.getByLabel(/^邮箱/).fill(person.email ?? '');
  await page.getByTestId('document-checked').check();
}

/** Types a query into the lookup box, from an empty box, so that what shows are its own results. */
async function search(page: Page, query: string): Promise<Locator> {
  const box = page.getByTestId('account-search');
  await box.fill('');
  await expect(page.getByTestId('search-prompt')).toBeVisible();
  await box.fill(query);
  // Numbers, contacts and documents are looked up on Enter (each exact lookup is audited and budgeted).
  if (/@|\d{5}/.test(query.replace(/[\s()-]/g, ''))) {
    await expect(page.getByTestId('search-awaits-enter')).toBeVisible();
    await box.press('Enter');
  }
  return page.getByTestId('account-row');
}

async function expectFound(page: Page, query: string, name: string, kind: string) {
  const rows = await search(page, query);
  await expect(rows.first().getByTestId('account-name')).toContainText(name);
  await expect(rows.first().getByTestId('matched-by')).toHaveAttribute('data-kind', kind);
}

test('counter registration: field errors, the activation code once, one account per person, revocation; the card diagnoses and a reveal is audited', async ({
  page,
  desk,
}) => {
  await onboardAdmin(page, desk);
  const doc = prcId('31010420050909678');
  const person = { name: '刘洋', category: '本科生', number: '520030910099', department: '物理与天文学院', mobile: '13512345678', email: 'liuyang@example.edu.cn' };

  // A wrong check character: the desk's reason shows under the document number, and nothing is registered.
  await page.getByTestId('nav-register').click();
  await fillRegistration(page, { ...person, doc: withWrongCheck(doc) });
  await page.getByTestId('register-submit').click();
  const form = page.getByTestId('register-form');
  await expect(form.getByText('最后一位（校验码）与前 17 位不符：请对照证件重新输入。')).toBeVisible();
  await expect(form.getByLabel(/^证件号码/)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('activation-modal')).toHaveCount(0);

  // Corrected: the activation code, shown once, with its expiry and a printable slip (never a password).
  await form.getByLabel(/^证件号码/).fill(doc);
  await page.getByTestId('register-submit').click();
  await expect(page.getByTestId('activation-modal')).toBeVisible();
  const code = (await page.getByTestId('activation-code').innerText()).trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(page.getByTestId('activation-expires')).toContainText(/有效期至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  const slip = page.getByTestId('activation-slip');
  await expect(slip).toBeHidden(); // on screen; only printed
  await expect(slip).toContainText(code);
  await expect(slip).toContainText(`**************${doc.slice(-4)}`);
  await expect(slip).not.toContainText(doc);
  await page.getByTestId('activation-done').click();
  await expect(page.getByTestId('activation-modal')).toHaveCount(0);
  await expect(page.getByTestId('activation-code')).toHaveCount(0);

  // The same person again: one account per person (not activated yet, so no username to show).
  await fillRegistration(page, { ...person, number: '', doc });
  await page.getByTestId('register-submit').click();
  await expect(page.getByTestId('register-exists')).toContainText('该身份已有账号');
  await expect(page.getByTestId('register-exists')).toContainText('尚未激活');

  // "Look it up" takes the document number to the lookup, where the account is found by it.
  await page.getByTestId('register-exists').getByRole('button', { name: '查询该账号' }).click();
  await expect(page.getByTestId('page-accounts')).toBeVisible();
  await expect(page.getByTestId('account-search')).toHaveValue(doc);
  const row = page.getByTestId('account-row').first();
  await expect(row.getByTestId('matched-by')).toHaveAttribute('data-kind', 'document');
  await row.click();

  // The card: diagnosis first, in plain words with the next step; the profile masked.
  const card = page.getByTestId('account-card');
  await expect(card.getByTestId('card-name')).toHaveText('刘洋');
  const diagnosis = card.getByTestId('diagnosis');
  await expect(diagnosis).toHaveAttribute('data-code', 'pending_activation');
  await expect(diagnosis.getByTestId('diagnosis-title')).toHaveText('尚未激活，且未发送激活通知');
  await expect(diagnosis.getByTestId('diagnosis-next')).toContainText('激活码自注册起 24 小时内有效');
  await expect(card.getByTestId('pii-document')).toHaveText(`**************${doc.slice(-4)}`);
  await expect(card.getByTestId('pii-mobile')).toHaveText('*******5678');
  await expect(card.getByTestId('card-status-history').getByTestId('status-event')).toContainText('新建 → 待激活');
  const accountId = await card.getAttribute('data-account-id');
  expect(accountId).toMatch(/^\d+$/);

  // Reveal with a reason: the clear value, on this card only.
  await card.getByTestId('reveal-document').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('审计日志');
  await dialog.getByRole('button', { name: '查看' }).click();
  await expect(dialog.getByText('请填写至少 2 个字符的原因。')).toBeVisible();
  await dialog.getByLabel(/^原因/).fill('本人核对证件号码');
  await dialog.getByRole('button', { name: '查看' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(card.getByTestId('pii-document')).toHaveText(doc);
  await expect(card.getByTestId('pii-document')).toHaveAttribute('data-revealed', 'true');

  // The audit log keeps the reveal and its reason.
  await page.getByTestId('nav-audit').click();
  const filters = page.getByTestId('audit-filters');
  await filters.getByLabel('操作（前缀）').fill('accounts.reveal');
  await page.getByTestId('audit-apply').click();
  const entries = page.getByTestId('audit-row');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText(`account:${accountId}`);
  await expect(entries.first()).toHaveAttribute('data-outcome', 'success');
  await entries.first().getByRole('button', { name: '展开详情' }).click();
  await expect(page.getByTestId('audit-detail')).toHaveText(JSON.stringify({ field: 'document', reason: '本人核对证件号码' }, null, 2));

  // Deep link to the card: the revealed value is gone (it lived in that view only).
  await page.goto(`${desk.url}#/accounts/${accountId}`);
  await expect(card.getByTestId('card-name')).toHaveText('刘洋');
  await expect(card.getByTestId('pii-document')).toHaveAttribute('data-revealed', 'false');
  await expect(card.getByTestId('pii-document')).toHaveText(`**************${doc.slice(-4)}`);

  // Revoke (with a warning and a reason): final, and a new application with the same identity is refused.
  await card.getByTestId('card-revoke').click();
  await expect(dialog).toContainText('以同一证件重新申请也会被拒绝');
  await dialog.getByLabel(/^原因/).fill('将账号借给他人使用');
  await dialog.getByRole('button', { name: '注销' }).click();
  await expect(diagnosis).toHaveAttribute('data-code', 'revoked');
  await expect(diagnosis.getByTestId('diagnosis-detail')).toHaveText('原因：将账号借给他人使用');
  await expect(card.getByTestId('account-status').first()).toHaveAttribute('data-status', 'revoked');
  await expect(card.getByTestId('card-suspend')).toHaveCount(0);
  await page.getByTestId('nav-register').click();
  await fillRegistration(page, { ...person, doc });
  await page.getByTestId('register-submit').click();
  await expect(page.getByTestId('register-revoked')).toContainText('此人的账号已被注销');
});

test('registrar import: UTF-8, GB18030 and a malformed file, each checked before it is written; the same file again changes nothing; a counter operator may not import or reveal', async ({
  page,
  desk,
  browser,
}) => {
  await onboardAdmin(page, desk);
  await page.getByTestId('nav-import').click();
  const file = page.locator('input[type="file"]');
  const report = page.getByTestId('import-report');
  const count = (id: string) => report.getByTestId(id);

  // UTF-8 with English headings: the dry run writes nothing, then the import creates every row.
  await file.setInputFiles(fixture('accounts-utf8.csv'));
  await expect(report).toHaveAttribute('data-dry-run', 'true');
  await expect(count('import-encoding')).toHaveText('编码：UTF-8');
  await expect(count('import-total')).toHaveText('4');
  await expect(count('import-created')).toHaveText('4');
  await expect(count('import-rejected')).toHaveText('0');
  expect((await rpcFromPage(page, 'accounts.search', { query: '520030910001', filters: {}, page: 1, pageSize: 5 })).body.value).toEqual({
    items: [],
    hasMore: false,
  });
  await page.getByTestId('import-run').click();
  await expect(report).toHaveAttribute('data-dry-run', 'false');
  await expect(count('import-created')).toHaveText('4');
  await expect(count('import-batch')).toContainText('批次 #');

  // GB18030 with Chinese headings and Chinese category / document words.
  await page.getByTestId('import-again').click();
  await file.setInputFiles(fixture('accounts-gb18030.csv'));
  await expect(count('import-encoding')).toHaveText('编码：GB18030');
  await expect(count('import-total')).toHaveText('3');
  await expect(count('import-created')).toHaveText('3');
  await page.getByTestId('import-run').click();
  await expect(report).toHaveAttribute('data-dry-run', 'false');
  await expect(count('import-created')).toHaveText('3');

  // A malformed file: every rejected row by line, with each field's reason in words.
  await page.getByTestId('import-again').click();
  await file.setInputFiles(fixture('accounts-malformed.csv'));
  await expect(count('import-total')).toHaveText('6');
  await expect(count('import-created')).toHaveText('1');
  await expect(count('import-rejected')).toHaveText('5');
  const rejected = (line: number) => report.locator(`[data-testid="rejected-row"][data-line="${line}"]`);
  const reasons = (line: number) =>
    rejected(line).locator('li').evaluateAll((items) => items.map((li) => `${li.getAttribute('data-field')}/${li.getAttribute('data-reason')}`));
  expect(await reasons(3)).toEqual(['documentNumber/check_character']);
  expect(await reasons(4)).toEqual(['number/duplicate_in_file']);
  expect(await reasons(5)).toEqual(['category/unknown_category', 'mobile/format', 'email/format']);
  expect(await reasons(6)).toEqual(['number/required']);
  expect(await reasons(7)).toEqual(['documentNumber/belongs_to_another_account']);
  await expect(rejected(3)).toContainText('证件号码：最后一位（校验码）与前 17 位不符');
  await expect(rejected(4)).toContainText('学工号：该学工号在文件前面的行中已出现。');
  await expect(rejected(5)).toContainText('类别：不是已知的类别');
  await expect(rejected(5)).toContainText('手机：不是手机号码');
  await expect(rejected(7)).toContainText('证件号码：该证件已属于另一个账号。');
  await page.getByTestId('import-run').click();
  await expect(report).toHaveAttribute('data-dry-run', 'false');
  await expect(count('import-created')).toHaveText('1');
  await expect(count('import-rejected')).toHaveText('5');

  // The first file again: nothing would change.
  await page.getByTestId('import-again').click();
  await file.setInputFiles(fixture('accounts-utf8.csv'));
  await expect(count('import-unchanged')).toHaveText('4');
  await expect(count('import-created')).toHaveText('0');
  await expect(count('import-updated')).toHaveText('0');
  await expect(report.getByTestId('import-nothing')).toBeVisible();

  // What the GB18030 file held reads back as written.
  await page.getByTestId('nav-accounts').click();
  const rows = await search(page, '王小明');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('职工');
  await expect(rows.first()).toContainText('医学院');
  await expect(rows.first()).toContainText('S20110005');

  // A counter operator: lookup and registration, no import; the card without reveal or status changes.
  const otp = await createStaff(page, { username: 'lin', displayName: '林柜台', roles: [/^柜台操作员/] });
  const context = await browser.newContext();
  const counter = await context.newPage();
  try {
    await counter.goto(desk.url);
    await signIn(counter, 'lin', otp, 'minhang');
    await changeOneTimePassword(counter, otp, 'Counter lamps glow softly 9');
    await expect(counter.getByTestId('page-accounts')).toBeVisible();
    await expect(counter.getByTestId('nav-register')).toBeVisible();
    await expect(counter.getByTestId('nav-import')).toHaveCount(0);
    await counter.goto(`${desk.url}#/import`);
    await expect(counter.getByTestId('page-accounts')).toBeVisible();
    const found = await search(counter, '王小明');
    await found.first().click();
    const card = counter.getByTestId('account-card');
    await expect(card.getByTestId('pii-document')).toHaveText('**************678X');
    await expect(card.getByTestId('reveal-document')).toHaveCount(0);
    await expect(card.getByTestId('card-suspend')).toHaveCount(0);
    await expect(card.getByTestId('card-revoke')).toHaveCount(0);
    expect((await rpcFromPage(counter, 'accounts.reveal', { id: Number(await card.getAttribute('data-account-id')), field: 'document', reason: '试一试' })).body.error?.code).toBe('FORBIDDEN');
  } finally {
    await context.close();
  }
});

test('lookup: every kind of key, filters, Ctrl+K and the keyboard; diagnose a username, found or not', async ({ page, desk }) => {
  await onboardAdmin(page, desk);
  await importViaDesk(page, 'accounts-utf8.csv');

  // A username exists only once the person activates: register, then activate on the end-user page.
  const registered = await rpcFromPage(page, 'accounts.register', {
    realName: '陈晨',
    category: 'alumni',
    department: '安泰经济与管理学院',
    documentType: 'prc_id',
    documentNumber: prcId('31010519850612345'),
    mobile: '13700001111',
    documentChecked: true,
  });
  expect(registered.body.ok).toBe(true);
  const { activationCode } = registered.body.value as { activationCode: string };
  const portal = await page.context().newPage();
  await portal.goto(new URL('/activate?lang=zh-CN', desk.portalUrl).href);
  await portal.locator('#code').fill(activationCode);
  await portal.locator('#username').fill('chenchen');
  await portal.locator('#password').fill('Bright river stones 42');
  await portal.locator('#password2').fill('Bright river stones 42');
  await portal.locator('form button').first().click();
  await expect(portal.getByTestId('activated')).toContainText('chenchen');
  await portal.close();

  // Ctrl+K from another area: to the search box, focused.
  await page.getByTestId('nav-audit').click();
  await expect(page.getByTestId('page-audit')).toBeVisible();
  await page.keyboard.press('Control+K');
  await expect(page.getByTestId('page-accounts')).toBeVisible();
  await expect(page.getByTestId('account-search')).toBeFocused();

  // Every key a visitor may remember.
  await expectFound(page, 'chenchen', '陈晨', 'username');
  await expectFound(page, '520030910001', '张三', 'number');
  await expectFound(page, '138 1234 0002', '张思', 'mobile');
  await expectFound(page, 'lisi@example.edu.cn', '李四', 'email');
  await expectFound(page, '11010519491231002x', '李四', 'document');
  await expectFound(page, 'E12345678', 'John Smith', 'document');
  await expectFound(page, '张三', '张三', 'name');
  await expectFound(page, 'smith john', 'John Smith', 'name');
  for (const query of ['zhang s', 'zs']) {
    const rows = await search(page, query);
    await expect(rows).toHaveCount(2);
    await expect(rows.getByTestId('account-name')).toContainText(['张三', '张思']);
  }
  await search(page, 'nobody here');
  await expect(page.getByTestId('search-empty')).toContainText('没有与“nobody here”匹配的账号。');

  // A filter narrows what a query finds.
  let rows = await search(page, 'zs');
  await expect(rows).toHaveCount(2);
  await page.getByTestId('filter-category').click();
  await page.getByRole('option', { name: '研究生', exact: true }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('account-name')).toContainText('张思');
  await page.getByTestId('filter-category').click();
  await page.getByRole('option', { name: '研究生', exact: true }).click(); // deselect
  await expect(rows).toHaveCount(2);

  // The keyboard: ArrowDown moves the selection, Enter opens that card; Escape goes back to the results.
  const box = page.getByTestId('account-search');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
  await box.press('ArrowDown');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'false');
  await box.press('Enter');
  const card = page.getByTestId('account-card');
  await expect(card.getByTestId('card-name')).toHaveText('张思');
  await expect(page).toHaveURL(/#\/accounts\/\d+$/);
  await box.press('Escape');
  await expect(card).toHaveCount(0);
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');

  // "My username is chenchen and I cannot sign in": just activated, it works 5 minutes after the message.
  const diagnose = page.getByTestId('diagnose-username');
  await diagnose.fill('ChenChen');
  await diagnose.press('Enter');
  const answer = page.getByTestId('diagnose-result');
  await expect(answer).toHaveAttribute('data-found', 'true');
  await expect(answer.getByTestId('diagnosis')).toHaveAttribute('data-code', 'pending_activation');
  await expect(answer.getByTestId('diagnosis-detail')).toContainText(/激活通知已于.*发出.*账号在通知发出 5 分钟后生效（(\d{4}-\d{2}-\d{2} )?\d{2}:\d{2} 起）/);
  await expect(answer.getByTestId('diagnosis-next')).toContainText(/请等到 (\d{4}-\d{2}-\d{2} )?\d{2}:\d{2}/);
  await answer.getByTestId('diagnose-open').click();
  await expect(card.getByTestId('card-username')).toHaveText('chenchen');
  await expect(card.getByTestId('diagnosis')).toHaveAttribute('data-code', 'pending_activation');

  // A username nobody has: the closest ones, for the operator to confirm in person.
  await diagnose.fill('chenchn');
  await diagnose.press('Enter');
  await expect(answer.getByTestId('diagnose-not-found')).toHaveText('没有用户名为“chenchn”的账号。');
  await expect(answer.getByTestId('diagnose-closest').first()).toContainText('陈晨');
  await expect(answer.getByTestId('diagnose-closest').first()).toContainText('**************');
  await page.keyboard.press('Escape');

  // The same in English.
  await page.getByTestId('language-switch').first().getByText('English', { exact: true }).click();
  await expect(page.getByTestId('nav-accounts')).toHaveText('Account lookup');
  rows = await search(page, 'zs');
  await expect(rows.first().getByTestId('matched-by')).toHaveText('Name');
});
