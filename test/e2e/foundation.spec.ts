import { expect, test } from '@playwright/test';
import { type RunningDesk, startHeadlessDesk } from '../support/headless-desk';
import { changeOneTimePassword, enrollTotp, field, freshTotp, rpcFromPage, signIn, signOut } from './console-steps';

const NEW_PASSWORD = 'Seven quiet lanterns 2024';

let desk: RunningDesk;
test.beforeAll(async () => {
  desk = await startHeadlessDesk();
});
test.afterAll(async () => {
  await desk?.stop();
});

test('first run: forced password change, TOTP enrollment, sign-in with TOTP, idle lock and unlock', async ({ page }) => {
  test.setTimeout(120_000);
  const admin = desk.admin!;
  expect(admin, 'the desk prints first-run credentials').toBeTruthy();
  // Fake timers in the page (time still flows), so the idle period can be skipped below.
  await page.clock.install();
  await page.goto(desk.url);

  // The sign-in page, in Chinese by default.
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await signIn(page, admin.username, admin.oneTimePassword, 'xuhui');

  // Forced change of the one-time password; a too-short one first: the field error is translated.
  await expect(page.getByRole('heading', { name: '设置您自己的密码' })).toBeVisible();
  await changeOneTimePassword(page, admin.oneTimePassword, 'too-short');
  const newPassword = field(page, '新密码', 'New password');
  // The translated reason sits under the field and is its accessible description.
  await expect(newPassword).toHaveAccessibleDescription('至少 12 个字符。');
  await expect(page.getByText('至少 12 个字符。', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: '设置您自己的密码' })).toBeVisible();
  await changeOneTimePassword(page, admin.oneTimePassword, NEW_PASSWORD);

  // TOTP enrollment: QR code as an image, the key for manual entry, a first code to confirm.
  await expect(page.getByRole('heading', { name: '设置两步验证' })).toBeVisible();
  await expect(page.getByTestId('totp-qr')).toHaveAttribute('src', /^data:image\/svg\+xml;utf8,/);
  const wrong = page.getByTestId('totp-code');
  await wrong.fill('000000');
  await page.getByRole('button', { name: '确认并继续' }).click();
  await expect(page.getByText(/动态码错误、已过期或已被使用/)).toBeVisible();
  const { secret, step } = await enrollTotp(page);

  // The shell, at the chosen desk, with the admin's areas.
  await expect(page.getByTestId('desk-badge')).toHaveText('徐汇校区');
  await expect(page.getByTestId('nav-staff')).toBeVisible();
  await expect(page.getByTestId('nav-audit')).toBeVisible();
  // The counter's daily work comes first: the account lookup.
  await expect(page.getByTestId('page-accounts')).toBeVisible();
  await page.getByTestId('nav-staff').click();
  await expect(page.getByTestId('staff-row-admin')).toBeVisible();
  await signOut(page);
  await expect(page.getByTestId('sign-in-notice')).toHaveText('您已退出登录。');

  // Again: the new password, the remembered desk, then a TOTP code of a later time step.
  await expect(page.getByTestId('desk-xuhui')).toHaveAttribute('aria-checked', 'true');
  await signIn(page, admin.username, NEW_PASSWORD);
  await expect(page.getByRole('heading', { name: '两步验证' })).toBeVisible();
  await page.getByTestId('totp-code').fill(await freshTotp(secret, step));
  await page.getByRole('button', { name: '验证', exact: true }).click();
  await expect(page.getByTestId('page-accounts')).toBeVisible();
  await page.getByTestId('nav-staff').click();
  const table = page.getByTestId('staff-table');
  await expect(table).toBeVisible();

  // Idle lock: past the idle period (300 s by default) the lock screen replaces the console.
  await page.clock.fastForward('05:05');
  const lock = page.getByTestId('lock-screen');
  await expect(lock).toBeVisible();
  await expect(page.getByTestId('lock-user')).toContainText('admin');
  await expect(lock).toContainText('徐汇校区');
  await expect(table).toHaveCount(0);
  await expect(page.getByTestId('nav-staff')).toHaveCount(0);
  // Not only hidden: the desk itself refuses work until the password is given.
  // The screen locks first and then tells the desk (auth.lock): wait for that call, not for a race.
  await expect.poll(async () => (await rpcFromPage(page, 'staff.list')).body.error?.code).toBe('SESSION_LOCKED');
  const refused = await rpcFromPage(page, 'staff.list');
  expect(refused.body.error?.code).toBe('SESSION_LOCKED');

  // A wrong password keeps it locked; the right one brings the console back.
  await field(page, '密码', 'Password').fill('not my password at all');
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByText('密码不正确。')).toBeVisible();
  await field(page, '密码', 'Password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(lock).toHaveCount(0);
  await expect(table).toBeVisible();
  expect((await rpcFromPage(page, 'staff.list')).body.ok).toBe(true);

  await signOut(page);
  expect((await rpcFromPage(page, 'auth.session')).body).toEqual({ ok: true, value: null });
});
