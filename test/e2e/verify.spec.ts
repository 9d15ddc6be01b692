import { expect, test } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { type RunningDesk, startHeadlessDesk } from '../support/headless-desk';
import { onboardAdmin, rpcFromPage } from './console-steps';

let desk: RunningDesk;
test.beforeAll(async () => {
  desk = await startHeadlessDesk();
});
test.afterAll(async () => {
  await desk?.stop();
});

async function rpc<T>(page: Parameters<typeof rpcFromPage>[0], channel: string, input: unknown): Promise<T> {
  const { body } = await rpcFromPage(page, channel, input);
  if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
  return body.value as T;
}

/** Reads the QR code from the pixels on screen, not from any text in the page. */
function decodeQr(screenshot: Buffer): string {
  const png = PNG.sync.read(screenshot);
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!found) throw new Error('no QR code in the screenshot');
  return found.data;
}

test('identity codes: issue, read the QR image, verify offline, refused after the account is suspended', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await onboardAdmin(page, desk);
  const registered = await rpc<{ account: { id: number }; activationCode: string }>(page, 'accounts.register', {
    realName: '林知远',
    category: 'faculty',
    number: '10086',
    department: '网络信息中心',
    documentType: 'passport',
    documentNumber: 'E12123434',
    mobile: '13900005555',
    documentChecked: true,
  });
  const person = await browser.newPage({ locale: 'zh-CN' });
  await person.goto(`${desk.portalUrl}activate?code=${encodeURIComponent(registered.activationCode)}`);
  await person.getByLabel('用户名').fill('linzhiyuan');
  await person.getByLabel('密码', { exact: true }).fill('Lotus pond at dawn 88');
  await person.getByLabel('再次输入密码').fill('Lotus pond at dawn 88');
  await person.getByRole('button', { name: '激活' }).click();
  await expect(person.getByTestId('activated')).toContainText('linzhiyuan');
  await person.close();

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByTestId('nav-verify').click();
  await page.getByTestId('bundle-fetch').click();
  await expect(page.getByTestId('bundle-made-at')).toBeVisible();

  await page.getByTestId('issue-username').fill('linzhiyuan');
  await page.getByTestId('issue-submit').click();
  const qr = page.getByTestId('issued-qr');
  await expect(qr).toBeVisible();
  await expect(qr).toHaveJSProperty('complete', true);
  await page.screenshot({ path: 'test-results/verify-issued.png' });
  // Toasts may float over the image: hidden for the capture only.
  const code = decodeQr(await qr.screenshot({ path: 'test-results/verify-qr.png', style: '.mantine-Notifications-root { display: none !important; }' }));
  expect(code).toMatch(/^JAC1:[A-Z2-7]+$/);

  // The network to the desk is shut: every console call fails from here on.
  let blocked = 0;
  await page.route('**/rpc/**', (route) => {
    blocked++;
    return route.abort();
  });
  await page.getByTestId('verify-input').fill(code);
  await expect(page.getByTestId('verdict-title')).toHaveAttribute('data-valid', 'true');
  await expect(page.getByTestId('verdict-title')).toContainText('有效');
  await expect(page.getByTestId('claim-sub')).toHaveText('linzhiyuan');
  await page.screenshot({ path: 'test-results/verify-valid.png' });

  // Tampering with one character of the signature is caught, still offline.
  const last = code.at(-1) === 'A' ? 'B' : 'A';
  await page.getByTestId('verify-input').fill(`${code.slice(0, -2)}${last}A`);
  await page.getByTestId('verify-input').press('Enter');
  await expect(page.getByTestId('verdict-reason')).toHaveAttribute('data-reason', /bad_signature|malformed/);
  expect(blocked).toBe(0);

  // Back online: the account is suspended, the bundle refreshed, and the same code is refused.
  await page.unroute('**/rpc/**');
  await rpc(page, 'accounts.setStatus', { id: registered.account.id, status: 'suspended', reason: '证件遗失，暂停使用' });
  await page.getByTestId('bundle-fetch').click();
  await expect(page.getByTestId('bundle-card')).toContainText('1 个暂停账号');
  await page.route('**/rpc/**', (route) => route.abort());
  await page.getByTestId('verify-input').fill(code);
  await expect(page.getByTestId('verdict-title')).toHaveAttribute('data-valid', 'false');
  await expect(page.getByTestId('verdict-reason')).toHaveText('该账号已暂停');
  await page.screenshot({ path: 'test-results/verify-refused.png' });
});
