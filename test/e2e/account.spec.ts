import { expect, test } from '@playwright/test';
import { type RunningDesk, startHeadlessDesk } from '../support/headless-desk';
import { changeOneTimePassword, createStaff, enrollTotp, field, freshTotp, onboardAdmin, rpcFromPage, signIn } from './console-steps';

let desk: RunningDesk;
test.beforeAll(async () => {
  desk = await startHeadlessDesk();
});
test.afterAll(async () => {
  await desk?.stop();
});

test('sign out everywhere, desk settings, own password and authenticator', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const admin = await onboardAdmin(page, desk);
  const otp = await createStaff(page, { username: 'fay', displayName: 'Fay', roles: [/^审核员/] });
  const FAY = 'Review queue at nine 31';

  // Fay at two workstations; "sign out everywhere" at one ends the other too.
  const first = await browser.newContext();
  const second = await browser.newContext();
  try {
    const a = await first.newPage();
    await a.goto(desk.url);
    await signIn(a, 'fay', otp, 'minhang');
    await changeOneTimePassword(a, otp, FAY);
    await expect(a.getByTestId('nav-account')).toBeVisible();
    const b = await second.newPage();
    await b.clock.install();
    await b.goto(desk.url);
    await signIn(b, 'fay', FAY, 'xuhui');
    await expect(b.getByTestId('desk-badge')).toHaveText('徐汇校区');

    await a.getByTestId('user-menu').click();
    await a.getByRole('menuitem', { name: '退出所有会话' }).click();
    await a.getByRole('dialog').getByRole('button', { name: '退出所有会话' }).click();
    await expect(a.getByTestId('sign-in-notice')).toHaveText('您已退出登录。');
    await expect(a.getByText('已退出 2 个会话。')).toBeVisible();
    await b.clock.fastForward('00:31');
    await expect(b.getByTestId('sign-in-notice')).toContainText('会话已结束');
    // Five wrong passwords lock the account for a while; the sign-in page says until when.
    for (let i = 0; i < 5; i++) {
      await signIn(a, 'fay', `wrong password ${i}`);
      await expect(a.getByTestId('form-error')).toHaveText('用户名或密码不正确。');
    }
    await signIn(a, 'fay', FAY);
    await expect(a.getByTestId('form-error')).toHaveText(/^失败次数过多：此账号已锁定至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}。$/);
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('nav-staff').click();
    await expect(page.getByTestId('staff-row-fay')).toContainText(/锁定至 \d{4}-\d{2}-\d{2}/);
  } finally {
    await first.close();
    await second.close();
  }

  // Desk-wide settings, with the range checked before anything is sent.
  await page.getByTestId('nav-settings').click();
  const minutes = page.getByTestId('idle-minutes');
  await expect(minutes).toHaveValue('5');
  await minutes.fill('0');
  await page.getByTestId('settings-form').getByRole('button', { name: '保存' }).click();
  await expect(minutes).toHaveAccessibleDescription(/请输入 1 到 60 之间的整数分钟数/);
  await minutes.fill('2');
  await page.getByRole('switch', { name: /要求所有工作人员使用两步验证/ }).click();
  await page.getByTestId('settings-form').getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('设置已保存。')).toBeVisible();
  expect((await rpcFromPage(page, 'settings.get')).body.value).toEqual({ idleLockSeconds: 120, totpRequiredForAll: true, piiLookupBudget: 60, piiLookupWindowMinutes: 10 });
  expect((await rpcFromPage(page, 'auth.session')).body.value).toMatchObject({ idleLockSeconds: 120 });

  // Own password: the current one is checked, then the new one works at the lock screen.
  await page.getByTestId('nav-account').click();
  const form = page.getByTestId('change-password-form');
  await field(page, '当前密码', 'Current password').fill('certainly not it');
  await field(page, '新密码', 'New password').fill('Another quiet evening 77');
  await field(page, '再次输入新密码', 'Repeat the new password').fill('Another quiet evening 77');
  await form.getByRole('button', { name: '修改密码' }).click();
  await expect(field(page, '当前密码', 'Current password')).toHaveAccessibleDescription('密码不正确。');
  await field(page, '当前密码', 'Current password').fill(admin.password);
  await form.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByText('密码已修改。')).toBeVisible();
  await page.getByTestId('lock-button').click();
  await field(page, '密码', 'Password').fill('Another quiet evening 77');
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByTestId('page-account')).toBeVisible();

  // A new authenticator: the current password and a code of the current one first, then a new key confirmed with its first code.
  await expect(page.getByTestId('totp-status')).toHaveText('已开启');
  await page.getByRole('button', { name: '更换身份验证器' }).click();
  const prove = page.getByTestId('totp-prove');
  await prove.getByLabel(/^当前密码/).fill('certainly not it');
  const code = await freshTotp(admin.secret, admin.totpStep);
  await prove.getByTestId('totp-code').fill(code);
  await prove.getByRole('button', { name: '继续' }).click();
  await expect(prove).toContainText('密码不正确。');
  // The wrong password was refused before the code was looked at, so the same code still counts once.
  await prove.getByLabel(/^当前密码/).fill('Another quiet evening 77');
  await prove.getByTestId('totp-code').fill(code);
  await prove.getByRole('button', { name: '继续' }).click();
  const { secret } = await enrollTotp(page);
  expect(secret).not.toBe(admin.secret);
  await expect(page.getByText('两步验证已设置。')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
