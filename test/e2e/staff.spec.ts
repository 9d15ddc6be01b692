import { type Page, expect, test } from '@playwright/test';
import { type RunningDesk, startHeadlessDesk } from '../support/headless-desk';
import { changeOneTimePassword, createStaff, enrollTotp, field, onboardAdmin, signIn } from './console-steps';

let desk: RunningDesk;
test.beforeAll(async () => {
  desk = await startHeadlessDesk();
});
test.afterAll(async () => {
  await desk?.stop();
});

async function rowAction(page: Page, username: string, action: RegExp) {
  await page.getByRole('button', { name: `${username} 的操作` }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

async function confirmWithReason(page: Page, reason: string, confirm: RegExp) {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^原因/).fill(reason);
  await dialog.getByRole('button', { name: confirm }).click();
}

test('staff management: conflicts, edits, disable and enable, password reset, rights that cannot be granted', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await onboardAdmin(page, desk);
  const carolOtp = await createStaff(page, { username: 'carol', displayName: 'Carol 人事', roles: [/^人员管理员/] });
  const daveOtp = await createStaff(page, { username: 'dave', displayName: 'Dave', roles: [/^柜台操作员/] });

  // A taken username is refused next to the field, and nothing else is created.
  await page.getByTestId('new-staff').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^用户名/).fill('dave');
  await dialog.getByLabel(/^显示名称/).fill('Another Dave');
  await dialog.getByRole('checkbox', { name: /^审计员/ }).click();
  await dialog.getByRole('button', { name: '创建' }).click();
  await expect(dialog.getByLabel(/^用户名/)).toHaveAccessibleDescription(/此用户名已被使用/);
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(page.getByTestId('staff-table').locator('tbody tr')).toHaveCount(3);

  // Edit name and roles.
  await rowAction(page, 'dave', /修改姓名和角色/);
  await page.getByRole('dialog').getByLabel(/^显示名称/).fill('Dave 丁');
  await page.getByRole('dialog').getByRole('checkbox', { name: /^审核员/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  const dave = page.getByTestId('staff-row-dave');
  await expect(dave).toContainText('Dave 丁');
  await expect(dave).toContainText('审核员');

  // Dave signs in at another workstation.
  const daveContext = await browser.newContext();
  const davePage = await daveContext.newPage();
  const carolContext = await browser.newContext();
  const carolPage = await carolContext.newPage();
  try {
    await davePage.clock.install();
    await davePage.goto(desk.url);
    await signIn(davePage, 'dave', daveOtp, 'xuhui');
    await changeOneTimePassword(davePage, daveOtp, 'Counter keeps humming 88');
    // A counter operator starts on the account lookup.
    await expect(davePage.getByTestId('page-accounts')).toBeVisible();

    // Disabled (a reason is required): his session ends; the console notices at its next check.
    await rowAction(page, 'dave', /停用/);
    await confirmWithReason(page, '调', /^停用$/);
    await expect(page.getByRole('dialog').getByLabel(/^原因/)).toHaveAccessibleDescription(/请填写至少 2 个字符的原因/);
    await confirmWithReason(page, '调岗', /^停用$/);
    await expect(dave).toContainText('已停用');
    await davePage.clock.fastForward('00:31');
    await expect(davePage.getByTestId('sign-in-notice')).toContainText('会话已结束');
    await signIn(davePage, 'dave', 'Counter keeps humming 88');
    await expect(davePage.getByTestId('form-error')).toHaveText('此工作人员账号已停用，请联系人员管理员。');

    // Enabled again, then a password reset hands out a new one-time password, shown once.
    await rowAction(page, 'dave', /启用/);
    await confirmWithReason(page, '回到原岗位', /^启用$/);
    await expect(dave).not.toContainText('已停用');
    await rowAction(page, 'dave', /重置密码/);
    await confirmWithReason(page, '忘记密码，本人到场', /^重置密码$/);
    const shown = page.getByTestId('one-time-password');
    await expect(shown).toBeVisible();
    const newOtp = (await shown.innerText()).trim();
    await page.getByTestId('otp-done').click();
    await expect(shown).toHaveCount(0);
    await expect(dave).toContainText('需修改密码');
    await field(davePage, '密码', 'Password').fill(newOtp);
    await davePage.getByRole('button', { name: '登录', exact: true }).click();
    await expect(davePage.getByTestId('change-password-form')).toBeVisible();

    // Carol, a staff administrator: admin roles need two-step verification, and she cannot
    // grant or touch rights she does not hold.
    await carolPage.goto(desk.url);
    await signIn(carolPage, 'carol', carolOtp, 'minhang');
    await changeOneTimePassword(carolPage, carolOtp, 'Rosters filed by noon 5');
    await enrollTotp(carolPage);
    await expect(carolPage.getByTestId('staff-table')).toBeVisible();
    await expect(carolPage.getByTestId('nav-audit')).toBeVisible();
    // Dave's roles carry account rights Carol lacks; the admin holds everything.
    await expect(carolPage.getByRole('button', { name: 'admin 的操作' })).toBeDisabled();
    await expect(carolPage.getByRole('button', { name: 'dave 的操作' })).toBeDisabled();
    await carolPage.getByTestId('new-staff').click();
    const carolDialog = carolPage.getByRole('dialog');
    await expect(carolDialog.getByRole('checkbox', { name: /^系统管理员/ })).toBeDisabled();
    await expect(carolDialog.getByRole('checkbox', { name: /^柜台操作员/ })).toBeDisabled();
    await expect(carolDialog.getByRole('checkbox', { name: /^审计员/ })).toBeEnabled();
    await carolDialog.getByRole('button', { name: '取消' }).click();
    // Within her rights she may act.
    await createStaff(carolPage, { username: 'erin', displayName: 'Erin', roles: [/^审计员/] });
    await expect(carolPage.getByRole('button', { name: 'erin 的操作' })).toBeEnabled();

    // The desk refuses it too, with a reason the console translates.
    const refused = await carolPage.evaluate(async () => {
      const res = await fetch('/rpc/staff.create', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-desk-session': (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('desk.sessionProof') ?? '' },
        body: JSON.stringify({ username: 'mallory', displayName: 'M', roles: ['system_admin'] }),
      });
      return (await res.json()) as { error: { code: string; fields: { reason: string }[] } };
    });
    expect(refused.error.code).toBe('FORBIDDEN');
    expect(refused.error.fields[0]?.reason).toBe('beyond_own_rights');
  } finally {
    await daveContext.close();
    await carolContext.close();
  }
});
