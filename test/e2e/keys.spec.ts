import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { type RunningDesk, startHeadlessDesk } from '../support/headless-desk';
import { changeOneTimePassword, createStaff, enrollTotp, onboardAdmin, signIn } from './console-steps';

let desk: RunningDesk;
test.beforeAll(async () => {
  desk = await startHeadlessDesk();
});
test.afterAll(async () => {
  await desk?.stop();
});

test('signing keys: publish a next key, emergency revocation confirmed by a second key admin, backup', async ({ page, browser }) => {
  test.setTimeout(150_000);
  await onboardAdmin(page, desk);
  const kateOtp = await createStaff(page, { username: 'kate', displayName: 'Kate 密钥', roles: [/^密钥管理员/] });

  // The desk opened with one active key per algorithm.
  await page.getByTestId('nav-keys').click();
  const timeline = page.getByTestId('key-timeline');
  await expect(timeline.locator('tbody tr')).toHaveCount(2);
  const rsaCard = page.getByTestId('active-key-RS256');
  await expect(rsaCard).toContainText('2048 位');
  const activeRsa = (await rsaCard.getByTestId('active-kid').innerText()).trim();
  await expect(page.getByTestId('active-key-EdDSA').getByTestId('active-kid')).toHaveText(/^[A-Za-z0-9_-]{43}$/);

  // Publish a next RS256 key (3072 bits): in the timeline at once, promotion disabled until the JWKS cache age has passed.
  await page.getByTestId('generate-key').click();
  const generate = page.getByRole('dialog');
  await generate.getByText('3072 位').click();
  await page.getByTestId('generate-submit').click();
  await expect(generate).toHaveCount(0);
  await expect(timeline.locator('tbody tr')).toHaveCount(3);
  const next = timeline.locator('tr[data-state="next"]');
  await expect(next).toContainText('RS256 · RSA, 3072 位');
  await expect(next).toContainText(/起可启用/);
  await expect(next.getByTestId('promote')).toBeDisabled();
  await expect(rsaCard).toContainText('待启用');
  const nextKid = (await next.getAttribute('data-testid'))!.replace('key-row-', '');

  // A second next key of the same algorithm is refused, with the reason.
  await page.getByTestId('generate-key').click();
  await page.getByTestId('generate-submit').click();
  await expect(page.getByRole('dialog').getByTestId('form-error')).toHaveText('该算法已有一把待启用的密钥：请先启用或吊销它。');
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();

  // The admin requests the emergency revocation of the active RS256 key; they cannot confirm it themselves.
  await page.getByTestId(`key-row-${activeRsa}`).getByTestId('key-actions').click();
  await page.getByRole('menuitem', { name: '申请紧急吊销' }).click();
  await page.getByRole('dialog').getByLabel(/^原因/).fill('私钥文件误发至公共邮箱');
  await page.getByTestId('request-revocation-submit').click();
  const pending = page.getByTestId('pending-revocation');
  await expect(pending).toContainText('私钥文件误发至公共邮箱');
  await expect(pending).toContainText('须由另一位密钥管理员');
  await expect(pending.getByTestId('review-revocation')).toHaveCount(0);

  // Kate, a key administrator at another workstation, confirms it from her own session.
  const context = await browser.newContext();
  const kate = await context.newPage();
  try {
    await kate.goto(desk.url);
    await signIn(kate, 'kate', kateOtp, 'xuhui');
    await changeOneTimePassword(kate, kateOtp, 'Keys turn twice a year 9');
    await enrollTotp(kate);
    await expect(kate.getByTestId('page-keys')).toBeVisible();
    const request = kate.getByTestId('pending-revocation');
    await expect(request).toContainText('System administrator (admin)');
    await request.getByTestId('review-revocation').click();
    const confirm = kate.getByTestId('confirm-revocation');
    await expect(confirm).toContainText(activeRsa);
    await expect(confirm).toContainText('私钥文件误发至公共邮箱');
    await kate.getByTestId('confirm-revocation-submit').click();
    await expect(confirm).toHaveCount(0);
    await expect(kate.getByTestId('pending-revocation')).toHaveCount(0);
    // The next key took over at once; the revoked key is out.
    await expect(kate.getByTestId(`key-row-${activeRsa}`)).toHaveAttribute('data-state', 'revoked');
    await expect(kate.getByTestId(`key-row-${nextKid}`)).toHaveAttribute('data-state', 'active');
    await expect(kate.getByTestId('active-key-RS256').getByTestId('active-kid')).toHaveText(nextKid);
  } finally {
    await context.close();
  }

  await page.reload();
  await expect(page.getByTestId(`key-row-${activeRsa}`)).toHaveAttribute('data-state', 'revoked');
  await expect(page.getByTestId(`key-row-${activeRsa}`)).toContainText('原因：私钥文件误发至公共邮箱');

  // Backup: a weak password is refused next to the field; the file is written by the desk into its own folder.
  await page.getByTestId('backup-keys').click();
  const backup = page.getByTestId('backup-form');
  await backup.getByLabel(/^备份口令/).fill('too short');
  await backup.getByLabel(/^再次输入口令/).fill('too short');
  await page.getByTestId('backup-submit').click();
  await expect(backup.getByLabel(/^备份口令/)).toHaveAccessibleDescription(/口令太短：至少 12 个字符/);
  expect(fs.existsSync(path.join(desk.dataDir, 'backups'))).toBe(false);
  await backup.getByLabel(/^备份口令/).fill('闵行备份口令 Minhang 2026');
  await backup.getByLabel(/^再次输入口令/).fill('闵行备份口令 Minhang 2026');
  await page.getByTestId('backup-submit').click();
  const shown = page.getByTestId('backup-path');
  await expect(shown).toContainText(path.join(desk.dataDir, 'backups', 'jaccount-keys-'));
  const file = (await shown.innerText()).trim();
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  await expect(page.getByTestId('backup-written')).toContainText('3 把密钥已写入');
  await page.getByTestId('backup-close').click();

  // The restore dialog lists it (restoring into the same desk skips every key it knows).
  await page.getByTestId('restore-keys').click();
  await expect(page.getByTestId('restore-file')).toHaveValue(new RegExp(path.basename(file).replace(/\./g, '\\.')));
  await page.getByRole('dialog').getByLabel(/^备份口令/).fill('闵行备份口令 Minhang 2026');
  await page.getByTestId('restore-submit').click();
  await expect(page.getByTestId('restore-report')).toContainText('恢复 0 把，跳过 3 把。');
});
