import path from 'node:path';
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

test('graduate registry import: chosen on the import page, checked first, then imported; the same file again changes nothing', async ({ page }) => {
  await onboardAdmin(page, desk);
  await page.getByTestId('nav-import').click();
  await page.getByTestId('import-source').getByText('毕业生名册').click();
  await expect(page.getByText('导入毕业生名册，供审核人员比对校友身份认证申请。', { exact: false })).toBeVisible();
  const file = page.locator('input[type="file"]');
  const report = page.getByTestId('import-report');
  await file.setInputFiles(path.resolve('test/fixtures/verification/graduates.csv'));
  await expect(report).toHaveAttribute('data-dry-run', 'true');
  // Four rows: three graduates, and one with a bad document, impossible years and an unknown degree.
  await expect(report.getByTestId('import-total')).toHaveText('4');
  await expect(report.getByTestId('import-created')).toHaveText('3');
  await expect(report.getByTestId('import-rejected')).toHaveText('1');
  await page.getByTestId('import-run').click();
  await expect(report).toHaveAttribute('data-dry-run', 'false');
  await expect(report.getByTestId('import-created')).toHaveText('3');

  await page.getByTestId('import-again').click();
  await file.setInputFiles(path.resolve('test/fixtures/verification/graduates.csv'));
  await expect(report.getByTestId('import-unchanged')).toHaveText('3');
  // The accounts import is the other choice: switching leaves the registry's report behind.
  await page.getByTestId('import-source').getByText('账号（学籍/人事导出）').click();
  await expect(report).toHaveCount(0);
});
