import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { type RunningDesk, startHeadlessDesk } from '../support/headless-desk';
import { createStaff, onboardAdmin } from './console-steps';

let desk: RunningDesk;
test.beforeAll(async () => {
  desk = await startHeadlessDesk();
});
test.afterAll(async () => {
  await desk?.stop();
});

/** RFC 4180 enough for the desk's export: quoted cells with doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n') row.push(cell.replace(/\r$/, '')), rows.push(row), (row = []), (cell = '');
    else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

test('audit log: filter, verify the chain, export the filtered entries as CSV', async ({ page }) => {
  await onboardAdmin(page, desk);
  await createStaff(page, { username: 'alice', displayName: 'Alice 王', roles: [/^审计员/] });
  await createStaff(page, { username: 'bob', displayName: 'Bob 陈', roles: [/^柜台操作员/, /^审核员/] });

  await page.getByTestId('nav-audit').click();
  const rows = page.getByTestId('audit-row');
  await expect(rows.first()).toBeVisible();
  const unfiltered = await rows.count();

  // Filter by action prefix: only the two creations remain.
  const filters = page.getByTestId('audit-filters');
  await filters.getByLabel('操作（前缀）').fill('staff.create');
  await page.getByTestId('audit-apply').click();
  await expect(rows).toHaveCount(2);
  expect(unfiltered).toBeGreaterThan(2);
  for (const action of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))) {
    expect(action).toBe('staff.create');
  }
  await expect(page.getByTestId('audit-count')).toHaveText('第 1–2 条，共 2 条');
  await expect(rows.nth(0)).toContainText('staff:bob');
  await expect(rows.nth(1)).toContainText('staff:alice');

  // The detail expands to the whole JSON.
  await rows.nth(0).getByRole('button', { name: '展开详情' }).click();
  await expect(page.getByTestId('audit-detail')).toHaveText(JSON.stringify({ roles: ['counter_operator', 'reviewer'] }, null, 2));

  // Verify the chain.
  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('chain-result')).toContainText('哈希链完整');

  // Export what the filter shows.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^jaccount-desk-audit-\d{12}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  const [header, ...entries] = parseCsv(csv.replace(/^\uFEFF/, ''));
  expect(header).toEqual(['seq', 'at', 'actor', 'desk', 'action', 'target', 'outcome', 'detail', 'hash']);
  expect(entries).toHaveLength(2);
  expect(entries.map((e) => e[4])).toEqual(['staff.create', 'staff.create']);
  expect(entries.map((e) => e[5])).toEqual(['staff:alice', 'staff:bob']);
  expect(entries.every((e) => e[2] === 'admin' && e[3] === 'minhang' && e[6] === 'success')).toBe(true);
  expect(JSON.parse(entries[1]![7]!)).toEqual({ roles: ['counter_operator', 'reviewer'] });

  // The export is itself audited (and so is the chain check).
  await filters.getByLabel('操作（前缀）').fill('audit.');
  await page.getByTestId('audit-apply').click();
  await expect(rows.filter({ hasText: 'audit.exportCsv' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'audit.verify' })).toHaveCount(1);
});
