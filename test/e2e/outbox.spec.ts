import { type Page, test as base, expect } from '@playwright/test';
import { type SmtpListener, startSmtpListener } from '../support/mail-listeners';
import { type RunningDesk, startHeadlessDesk } from '../support/headless-desk';
import { onboardAdmin } from './console-steps';

/*
 * Notifications in Chromium against the headless shell: the development outbox of a fresh
 * desk, and real delivery to an SMTP server that the test runs on loopback. Each test has a
 * desk of its own. SHOTS=dir writes screenshots of the screens at both window sizes.
 */

const test = base.extend<{ desk: RunningDesk; smtp: SmtpListener }>({
  // eslint-disable-next-line no-empty-pattern
  desk: async ({}, use) => {
    const desk = await startHeadlessDesk();
    await use(desk);
    await desk.stop();
  },
  // eslint-disable-next-line no-empty-pattern
  smtp: async ({}, use) => {
    const smtp = await startSmtpListener();
    await use(smtp);
    await smtp.close();
  },
});
test.describe.configure({ mode: 'parallel' });

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

async function shoot(page: Page, name: string) {
  const dir = process.env.SHOTS;
  if (!dir) return;
  const before = page.viewportSize();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${dir}/${name}-${size.width}.png`, fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}

async function sendTest(page: Page, channel: 'email' | 'sms', to: string, language?: RegExp) {
  const form = page.getByTestId('notify-test-form');
  await form.getByTestId('notify-test-channel').getByText(channel === 'email' ? /^(邮件|Email)$/ : /^(短信|SMS)$/).click();
  await form.getByTestId('notify-test-to').fill(to);
  if (language) {
    await form.getByTestId('notify-test-language').click();
    await page.getByRole('option', { name: language }).click();
  }
  await form.getByTestId('notify-test-send').click();
}

test('a fresh desk delivers to the development outbox only, says so, and shows the message there', async ({ page, desk }) => {
  await onboardAdmin(page, desk);
  await page.getByTestId('nav-settings').click();
  const card = page.getByTestId('notify-settings');
  await expect(card.getByTestId('notify-email-adapter').locator('input[value="development"]')).toBeChecked();
  await expect(card.getByTestId('notify-sms-adapter').locator('input[value="development"]')).toBeChecked();

  // A bad recipient: the reason shows under the field, nothing is queued.
  await sendTest(page, 'sms', '12345');
  await expect(page.getByTestId('notify-test-form').getByText(/不是有效的手机号|Not a mobile number/)).toBeVisible();
  await sendTest(page, 'sms', '139 1234 5678');
  await expect(page.getByTestId('notify-test-result')).toHaveAttribute('data-status', 'sent');
  await expect(page.getByTestId('notify-test-result')).toContainText('*******5678');
  await shoot(page, 'settings-development');

  await page.getByTestId('nav-outbox').click();
  await expect(page.getByTestId('outbox-dev-notice')).toBeVisible();
  const row = page.getByTestId('outbox-row').filter({ hasText: '*******5678' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('test_message');
  await expect(row).toHaveAttribute('data-status', 'sent');
  await shoot(page, 'outbox-development');
  await row.click();
  await expect(page.getByTestId('outbox-body')).toContainText(/【上海交通大学】jAccount 服务台测试短信|\[SJTU jAccount\] jAccount Service Desk test message/);
  await shoot(page, 'outbox-drawer');
});

test('an admin sends through a real SMTP server: field errors first, then test emails that arrive in both languages', async ({ page, desk, smtp }) => {
  await onboardAdmin(page, desk);
  await page.getByTestId('language-switch').first().getByText('English', { exact: true }).click();
  await page.getByTestId('nav-settings').click();
  const card = page.getByTestId('notify-settings');
  await card.getByTestId('notify-email-adapter').getByText(/^(SMTP 服务器|SMTP server)$/).click();

  // Required for SMTP and left empty: each field says why, and nothing is saved.
  await card.getByTestId('notify-smtpHost').fill('');
  await card.getByTestId('notify-save').click();
  await expect(card.getByText('Enter the SMTP server for the SMTP adapter.')).toBeVisible();
  await expect(card.getByText('Enter the address the mails come from.')).toBeVisible();
  await shoot(page, 'settings-smtp-errors');

  await card.getByTestId('notify-smtpHost').fill('127.0.0.1');
  await card.getByTestId('notify-smtpPort').fill(String(smtp.port));
  await card.getByTestId('notify-smtpSecurity').click();
  await page.getByRole('option', { name: /^None/ }).click();
  await card.getByTestId('notify-smtpFrom').fill('jaccount@sjtu.edu.cn');
  await shoot(page, 'settings-smtp');
  await card.getByTestId('notify-save').click();
  await expect(page.getByText('Notification settings saved.')).toBeVisible();
  await expect(card.getByText('Enter the SMTP server for the SMTP adapter.')).toHaveCount(0);

  await sendTest(page, 'email', 'Wang.Fang@Example.edu.cn', /^Chinese$/);
  await expect(page.getByTestId('notify-test-result')).toHaveAttribute('data-status', 'sent');
  await expect(page.getByTestId('notify-test-result')).toContainText('delivered through SMTP server');
  await sendTest(page, 'email', 'Wang.Fang@Example.edu.cn', /^English$/);
  await expect(page.getByTestId('notify-test-result')).toContainText('#2');
  await expect(page.getByTestId('notify-test-result')).toHaveAttribute('data-status', 'sent');
  await shoot(page, 'settings-test-sent');
  expect(smtp.mails.map((m) => m.to)).toEqual([['wang.fang@example.edu.cn'], ['wang.fang@example.edu.cn']]);
  const [zh, en] = smtp.mails;
  expect(zh!.headers.subject).toBe('jAccount 服务台测试邮件');
  expect(zh!.headers['content-language']).toBe('zh-CN');
  expect(zh!.text).toContain('上海交通大学 网络信息中心');
  expect(en!.headers.subject).toBe('jAccount Service Desk test email');
  expect(en!.headers['content-language']).toBe('en');
  expect(en!.text).toContain('Network & Information Center, Shanghai Jiao Tong University');
  expect(en!.headers.from).toBe('jaccount@sjtu.edu.cn');

  await page.getByTestId('nav-outbox').click();
  // SMS still goes to the development outbox: the notice names it, and only it.
  await expect(page.getByTestId('outbox-dev-notice')).toContainText('Messages on SMS go nowhere');
  const rows = page.getByTestId('outbox-row').filter({ hasText: 'w***@example.edu.cn' });
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) {
    await expect(row).toHaveAttribute('data-status', 'sent');
    await expect(row).toContainText('SMTP server');
  }
  await shoot(page, 'outbox-smtp');
  await rows.first().click();
  await expect(page.getByTestId('outbox-body')).toContainText('This is a test email from the jAccount Service Desk.');
  await page.keyboard.press('Escape');
  await page.getByTestId('outbox-filter-channel').getByText('SMS', { exact: true }).click();
  await expect(page.getByTestId('outbox-empty')).toBeVisible();
});
