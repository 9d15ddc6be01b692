import { expect, test } from '@playwright/test';
import { type RunningDesk, startHeadlessDesk } from '../support/headless-desk';
import { changeOneTimePassword, createStaff, onboardAdmin, rpcFromPage, signIn } from './console-steps';

let desk: RunningDesk;
test.beforeAll(async () => {
  desk = await startHeadlessDesk();
});
test.afterAll(async () => {
  await desk?.stop();
});

test('an auditor sees the audit log only, and the desk refuses staff.list to them and audits the refusal', async ({ page, browser }) => {
  await onboardAdmin(page, desk);
  const oneTimePassword = await createStaff(page, { username: 'audrey', displayName: '审计员 Audrey', roles: [/^审计员/] });
  const row = page.getByTestId('staff-row-audrey');
  await expect(row).toContainText('审计员');
  await expect(row).toContainText('需修改密码');

  // The auditor, at another workstation (a fresh browser context: no cookie, no local storage).
  const context = await browser.newContext();
  const auditor = await context.newPage();
  try {
    await auditor.goto(desk.url);
    await signIn(auditor, 'audrey', oneTimePassword, 'minhang');
    // The auditor role is not an admin role: no two-step enrollment after the forced change.
    await changeOneTimePassword(auditor, oneTimePassword, 'Paper trails at midnight 7');
    await expect(auditor.getByTestId('page-audit')).toBeVisible();
    await expect(auditor.getByTestId('nav-audit')).toBeVisible();
    await expect(auditor.getByTestId('nav-staff')).toHaveCount(0);
    await expect(auditor.getByTestId('nav-settings')).toBeVisible();
    await expect(auditor.getByTestId('nav-account')).toBeVisible();

    // Typing the Staff area's address does not open it either.
    await auditor.goto(`${desk.url}#/staff`);
    await expect(auditor.getByTestId('page-audit')).toBeVisible();
    await expect(auditor.getByTestId('staff-table')).toHaveCount(0);

    // Settings are read-only without settings.manage.
    await auditor.getByTestId('nav-settings').click();
    await expect(auditor.getByTestId('idle-minutes')).toBeDisabled();
    await expect(auditor.getByTestId('settings-form').getByRole('button')).toHaveCount(0);

    // The router refuses too: the page's own session, the console's own origin.
    const denied = await rpcFromPage(auditor, 'staff.list');
    expect(denied.status).toBe(403);
    expect(denied.body.ok).toBe(false);
    expect(denied.body.error?.code).toBe('FORBIDDEN');

    // ...and the audit log keeps the refusal.
    await auditor.getByTestId('nav-audit').click();
    const filters = auditor.getByTestId('audit-filters');
    await filters.getByLabel('操作（前缀）').fill('staff.list');
    await filters.getByRole('textbox', { name: '操作人' }).fill('audrey');
    await auditor.getByTestId('audit-apply').click();
    const rows = auditor.getByTestId('audit-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-outcome', 'denied');
    await expect(rows.first()).toContainText('拒绝');
    await expect(rows.first()).toContainText('FORBIDDEN');
  } finally {
    await context.close();
  }

  // The admin sees the same entry.
  await page.getByTestId('nav-audit').click();
  const filters = page.getByTestId('audit-filters');
  await filters.getByRole('textbox', { name: '操作人' }).fill('audrey');
  await filters.getByLabel('结果', { exact: true }).click();
  await page.getByRole('option', { name: '拒绝' }).click();
  await page.getByTestId('audit-apply').click();
  await expect(page.getByTestId('audit-row')).toHaveCount(1);
  await expect(page.getByTestId('audit-row').first()).toHaveAttribute('data-action', 'staff.list');
});
