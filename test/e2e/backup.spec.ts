import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { type RunningDesk, startHeadlessDesk } from '../support/headless-desk';
import { onboardAdmin } from './console-steps';

let desk: RunningDesk;
test.beforeAll(async () => {
  desk = await startHeadlessDesk();
});
test.afterAll(async () => {
  await desk?.stop();
});

test('store backup: written from Settings while the desk serves, listed, password checked first', async ({ page }) => {
  test.setTimeout(90_000);
  await onboardAdmin(page, desk);
  await page.getByTestId('nav-settings').click();
  const card = page.getByTestId('store-backups');
  await expect(card).toContainText('尚无数据备份。');

  await card.getByTestId('store-backup-open').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('备份口令', { exact: false }).first().fill('short');
  await dialog.getByLabel('再次输入口令').fill('short');
  await page.getByTestId('backup-submit').click();
  await expect(dialog).toContainText('口令太短：至少 16 个字符。');
  // Long enough, but refused by the desk's password policy, next to the field.
  for (const [weak, why] of [
    ['a'.repeat(16), '此密码使用的不同字符太少。'],
    ['password-for-the-desk', '此密码基于常见密码或键盘序列。'],
  ] as const) {
    await dialog.getByLabel('备份口令', { exact: false }).first().fill(weak);
    await dialog.getByLabel('再次输入口令').fill(weak);
    await page.getByTestId('backup-submit').click();
    await expect(dialog).toContainText(why);
  }

  const password = 'counter backup passphrase 2026';
  await dialog.getByLabel('备份口令', { exact: false }).first().fill(password);
  await dialog.getByLabel('再次输入口令').fill(password);
  await page.getByTestId('backup-submit').click();
  await expect(page.getByTestId('backup-written')).toContainText('个账号和');
  const written = (await page.getByTestId('backup-path').innerText()).trim();
  expect(written).toMatch(/backups\/jaccount-desk-\d{8}-\d{6}Z\.sqlite$/);
  expect(fs.statSync(written).size).toBeGreaterThan(0);
  if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/store-backup-done.png` });
  await page.getByTestId('backup-close').click();
  await expect(card.getByTestId('store-backup-files').locator('tbody tr')).toHaveCount(1);
  if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/store-backup-card.png`, fullPage: true });
});
