import { type Page, expect, test } from '@playwright/test';
import { type RunningDesk, startHeadlessDesk } from '../support/headless-desk';
import { field, onboardAdmin, rpcFromPage } from './console-steps';

let desk: RunningDesk;
test.beforeAll(async () => {
  desk = await startHeadlessDesk();
});
test.afterAll(async () => {
  await desk?.stop();
});

/** Screenshots for looking at the screens (1366x768), when CLIENTS_SCREENSHOTS is set. */
async function shot(page: Page, name: string) {
  if (process.env.CLIENTS_SCREENSHOTS) await page.screenshot({ path: `test-results/clients-${name}.png` });
}

async function readSecret(page: Page): Promise<string> {
  const shown = page.getByTestId('shown-secret');
  await expect(shown).toBeVisible();
  const secret = (await shown.innerText()).trim();
  expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  // It cannot be dismissed before the operator confirms having copied it.
  await expect(page.getByTestId('secret-done')).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(shown).toBeVisible();
  await page.getByTestId('secret-acknowledge').check();
  await page.getByTestId('secret-done').click();
  await expect(page.getByTestId('secret-modal')).toHaveCount(0);
  return secret;
}

test('client registry: submit, leader approval, approval with the secret shown once, rotation, disable', async ({ page }) => {
  test.setTimeout(120_000);
  await onboardAdmin(page, desk);

  // An application whose leader approved it weeks ago: overdue, and it stands out.
  const late = await rpcFromPage(page, 'clients.submit', {
    appName: '图书馆座位预约',
    department: '图书馆',
    purpose: '读者以 jAccount 登录预约座位。',
    homepage: 'https://seats.example.edu.cn/',
    clientType: 'confidential',
    grantTypes: ['authorization_code'],
    scopes: ['openid', 'profile'],
    redirectUris: ['https://seats.example.edu.cn/callback'],
    postLogoutRedirectUris: [],
    contact: { name: '孙老师', email: 'seats@example.edu.cn', phone: '021-62932000' },
  });
  expect(late.body.ok).toBe(true);
  const lateId = (late.body.value as { id: number }).id;
  expect((await rpcFromPage(page, 'clients.recordLeaderApproval', { id: lateId, leaderName: '周馆长', approvedOn: '2026-10-12' })).body.ok).toBe(
    true,
  );

  await page.getByTestId('nav-clients').click();
  const lateRow = page.getByTestId(`application-row-${lateId}`);
  await expect(lateRow.getByTestId('deadline')).toHaveAttribute('data-overdue', 'true');
  await expect(page.getByTestId('overdue-filter')).toContainText('(1)');

  // The form: each bad redirect URI is named by its line, and nothing is submitted.
  await page.getByTestId('new-application').click();
  const form = page.getByTestId('application-form');
  await field(page, '应用名称', 'Application name').fill('研究生迎新系统');
  await form.getByRole('combobox', { name: /^(申请部门|Department)/ }).fill('研究生院');
  await field(page, '用途', 'Purpose').fill('新生报到时以 jAccount 登录。');
  await field(page, '应用网址', 'Application address').fill('https://welcome.example.edu.cn/');
  await form.getByTestId('grant-refresh_token').check();
  await form.getByTestId('scope-profile').check();
  await form.getByTestId('scope-offline_access').check();
  await form
    .getByTestId('redirect-uris')
    .fill('https://welcome.example.edu.cn/callback\n\nhttp://welcome.example.edu.cn/cb\nhttps://*.example.edu.cn/cb');
  await form.getByLabel(/^(姓名|Name)/).fill('赵老师');
  await form.getByLabel(/^(邮箱|Email)/).fill('welcome@example.edu.cn');
  await form.getByLabel(/^(电话|Telephone)/).fill('021-34206000');
  await page.getByTestId('application-submit').click();
  const lineErrors = form.getByTestId('redirect-uris-line-error');
  await expect(lineErrors).toHaveCount(2);
  await expect(lineErrors.nth(0)).toContainText('第 3 行');
  await expect(lineErrors.nth(0)).toContainText('127.0.0.1');
  await expect(lineErrors.nth(1)).toContainText('第 4 行');
  await expect(lineErrors.nth(1)).toContainText('通配符');
  await shot(page, 'form-errors');
  await form.getByTestId('redirect-uris').fill('https://welcome.example.edu.cn/callback\nhttp://127.0.0.1:7890/callback');
  await page.getByTestId('application-submit').click();

  // The new application opens: record the leader's approval; the deadline appears.
  const detail = page.getByTestId('application-detail');
  await expect(detail.getByTestId('application-state')).toHaveAttribute('data-state', 'submitted');
  await detail.getByTestId('action-leader').click();
  await page.getByRole('dialog').getByLabel(/^审批领导/).fill('钱院长');
  await page.getByTestId('leader-form').getByRole('button', { name: '录入审批' }).click();
  await expect(detail.getByTestId('application-state')).toHaveAttribute('data-state', 'leader_approved');
  await expect(detail.getByTestId('leader-approval')).toContainText('钱院长');
  await expect(detail.getByTestId('deadline')).toContainText(/剩余 \d 个工作日|今日到期/);

  // Approval issues the client; its secret is shown once.
  await detail.getByTestId('action-approve').click();
  await page.getByTestId('approve-form').getByRole('button', { name: '通过并签发' }).click();
  const clientId = (await page.getByTestId('shown-client-id').innerText()).trim();
  expect(clientId).toMatch(/^jaccount-[a-z2-9]{16}$/);
  await shot(page, 'secret-once');
  const secret = await readSecret(page);
  await expect(detail.getByTestId('client-id')).toHaveText(clientId);
  const issuer = desk.portalUrl.replace(/\/$/, '');
  await expect(detail.getByTestId('client-issuer')).toHaveText(issuer);
  await expect(detail.getByTestId('client-discovery')).toHaveText(`${issuer}/.well-known/openid-configuration`);
  await expect(detail.getByTestId('secret-current')).toBeVisible();
  await expect(page.locator('body')).not.toContainText(secret);
  const id = Number(await detail.getAttribute('data-application-id'));
  const got = await rpcFromPage(page, 'clients.get', { id });
  expect(JSON.stringify(got.body)).not.toContain(secret);
  await shot(page, 'detail');

  // Rotation: a new secret, shown once; the previous one keeps working for the overlap chosen.
  await detail.getByTestId('action-rotate').click();
  await page.getByTestId('overlap-days').fill('3');
  await expect(page.getByTestId('overlap-until')).toBeVisible();
  await page.getByTestId('rotate-form').getByRole('button', { name: '轮换' }).click();
  await expect(page.getByTestId('previous-valid-until')).toContainText('上一个密钥有效至');
  const rotated = await readSecret(page);
  expect(rotated).not.toBe(secret);
  await expect(detail.getByTestId('secret-previous')).toBeVisible();
  await expect(detail.getByTestId('history-row').first()).toHaveAttribute('data-action', 'clients.rotateSecret');

  // Disable: the token service stops knowing it; the list says so.
  await detail.getByTestId('action-disable').click();
  const reason = page.getByRole('dialog').getByLabel(/^原因/);
  await reason.fill('系统迁移，暂停接入');
  await page.getByTestId('reason-form').getByRole('button', { name: '停用' }).click();
  await expect(detail.getByTestId('client-status-detail')).toHaveAttribute('data-status', 'disabled');
  await expect(detail.getByTestId('action-enable')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('application-drawer')).toHaveCount(0);
  const row = page.getByTestId(`application-row-${id}`);
  await expect(row.getByTestId('client-status')).toHaveAttribute('data-status', 'disabled');
  await expect(row).toContainText(clientId);
  await shot(page, 'list');

  // The overdue filter keeps only the late one.
  await page.getByTestId('overdue-filter').click();
  await expect(page.getByTestId('applications-table').locator('tbody tr')).toHaveCount(1);
  await expect(lateRow).toBeVisible();
});
