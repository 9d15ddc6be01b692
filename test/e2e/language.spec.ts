import { type Page, expect, test } from '@playwright/test';
import { type RunningDesk, startHeadlessDesk } from '../support/headless-desk';
import { changeOneTimePassword, createStaff, onboardAdmin, rpcFromPage, signIn, signOut } from './console-steps';

let desk: RunningDesk;
test.beforeAll(async () => {
  desk = await startHeadlessDesk();
});
test.afterAll(async () => {
  await desk?.stop();
});

const PASSWORD = 'Counter lamps glow softly 9';

async function expectShellIn(page: Page, language: 'zh-CN' | 'en') {
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await expect(page.getByTestId('nav-account')).toHaveText(language === 'en' ? 'My account' : '我的账号');
  await expect(page.getByTestId('lock-button')).toHaveText(language === 'en' ? 'Lock' : '锁定');
}

const switchTo = (page: Page, label: '中文' | 'English') => page.getByTestId('language-switch').first().getByText(label, { exact: true }).click();

test('the language is saved per staff member, apart from the workstation’s sign-in language', async ({ page, browser }) => {
  await onboardAdmin(page, desk);
  const oneTimePassword = await createStaff(page, { username: 'lin', displayName: '林柜台', roles: [/^柜台操作员/] });

  const context = await browser.newContext();
  const counter = await context.newPage();
  try {
    await counter.goto(desk.url);
    await expect(counter.getByRole('heading', { name: '登录' })).toBeVisible();
    await signIn(counter, 'lin', oneTimePassword, 'minhang');
    await changeOneTimePassword(counter, oneTimePassword, PASSWORD);
    await expectShellIn(counter, 'zh-CN');

    // Switching in the header saves the choice to lin's account...
    await switchTo(counter, 'English');
    await expectShellIn(counter, 'en');
    const staff = (await rpcFromPage(page, 'staff.list')).body.value as { username: string; language: string }[];
    expect(staff.find((s) => s.username === 'lin')?.language).toBe('en');
    expect(staff.find((s) => s.username === 'admin')?.language).toBe('zh-CN');

    // ...not to the workstation: after sign-out the sign-in page keeps its own language.
    await signOut(counter);
    await expect(counter.getByRole('heading', { name: '登录' })).toBeVisible();
    await signIn(counter, 'lin', PASSWORD);
    await expectShellIn(counter, 'en');

    // And back.
    await switchTo(counter, '中文');
    await expectShellIn(counter, 'zh-CN');
    await signOut(counter);
    await signIn(counter, 'lin', PASSWORD);
    await expectShellIn(counter, 'zh-CN');
    await signOut(counter);

    // The sign-in page's own choice is remembered by the workstation (across a reload).
    await switchTo(counter, 'English');
    await expect(counter.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await counter.reload();
    await expect(counter.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await signIn(counter, 'lin', PASSWORD);
    await expectShellIn(counter, 'zh-CN');
    await signOut(counter);
    await expect(counter.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(counter.getByTestId('sign-in-notice')).toHaveText('You have signed out.');
  } finally {
    await context.close();
  }
});
