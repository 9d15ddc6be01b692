import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Page, expect } from '@playwright/test';
import * as oidc from 'openid-client';
import { letActivationSettle } from '../support/store-tweaks';
import { type RunningDesk, test } from './desk-fixture';
import { onboardAdmin, rpcFromPage } from './console-steps';

/*
 * Account recovery as people meet it, in Chromium against the headless shell: a holder resets a
 * forgotten password with a code sent by email (read off the desk's outbox screen) and signs in
 * on the token service's sign-in page; a counter operator records the ID check, issues a counter
 * code with its printed slip, and the holder sets a password with it. Screenshots go to /tmp.
 */

test.describe.configure({ mode: 'parallel' });

const SHOTS = '/tmp/recovery-shots';
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

async function shoot(page: Page, name: string) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SHOTS}/${name}-${size.width}.png`, fullPage: true });
  }
  await page.setViewportSize(SIZES[0]!);
}

async function rpc<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const { body } = await rpcFromPage(page, channel, input);
  if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
  return body.value as T;
}

/** A department application on the token service, and a callback listener standing for it. */
async function application(page: Page, desk: RunningDesk) {
  const callback = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('signed in'));
  await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
  const redirectUri = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/callback`;
  const submitted = await rpc<{ id: number }>(page, 'clients.submit', {
    appName: '教学信息服务网',
    department: '教务处',
    purpose: 'Course information signs students in with jAccount.',
    homepage: 'https://i.example.edu.cn',
    clientType: 'confidential',
    grantTypes: ['authorization_code'],
    scopes: ['openid', 'profile'],
    redirectUris: [redirectUri],
    postLogoutRedirectUris: [],
    contact: { name: '吴老师', email: 'i@example.edu.cn', phone: '021-34200002' },
  });
  await rpc(page, 'clients.recordLeaderApproval', { id: submitted.id, leaderName: '钱处长', approvedOn: new Date().toISOString().slice(0, 10) });
  const approved = await rpc<{ application: { client: { clientId: string } }; secretShownOnce: string }>(page, 'clients.approve', { id: submitted.id });
  const config = await oidc.discovery(
    new URL(desk.portalUrl.replace(/\/$/, '')),
    approved.application.client.clientId,
    undefined,
    oidc.ClientSecretBasic(approved.secretShownOnce),
    { execute: [oidc.allowInsecureRequests] },
  );
  const signInUrl = async () =>
    oidc
      .buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid profile',
        state: oidc.randomState(),
        code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
        code_challenge_method: 'S256',
      })
      .toString();
  return { signInUrl, close: () => callback.close() };
}

/** Registered at the counter, activated by the person with a password they later forget; past the 5 minutes. */
async function holder(page: Page, desk: RunningDesk, person: { name: string; username: string; doc: string; email: string }) {
  const registered = await rpc<{ account: { id: number }; activationCode: string }>(page, 'accounts.register', {
    realName: person.name,
    category: 'undergraduate',
    department: '电子信息与电气工程学院',
    documentType: 'passport',
    documentNumber: person.doc,
    mobile: '13900007777',
    email: person.email,
    documentChecked: true,
  });
  const portal = desk.portalUrl.replace(/\/$/, '');
  const password = 'Forgotten garden gate 19';
  const res = await fetch(`${portal}/activate?lang=en`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: portal },
    body: new URLSearchParams({ code: registered.activationCode, username: person.username, password, password2: password }).toString(),
  });
  expect(res.status).toBe(200);
  await letActivationSettle(desk.dataDir, person.username);
  return registered.account.id;
}

/** The token service's sign-in page: sign in, allow, land on the application. */
async function signInOnTokenService(person: Page, url: string, username: string, password: string) {
  await person.goto(url);
  await person.locator('#username').fill(username);
  await person.locator('#password').fill(password);
  await person.locator('form button[type="submit"]').click();
  await person.getByTestId('consent-allow').click();
  await expect(person.locator('body')).toHaveText('signed in');
}

test('forgot password: a code by email, read off the outbox screen, sets a new password that then signs in', async ({ page, desk, browser }) => {
  test.setTimeout(150_000);
  await onboardAdmin(page, desk);
  const app = await application(page, desk);
  await holder(page, desk, { name: '韩梅梅', username: 'hanmeimei', doc: 'E24681357', email: 'Han.MM@example.edu.cn' });
  const person = await browser.newPage({ viewport: SIZES[0], locale: 'en' });
  try {
    // From the application's sign-in page: "Forgot your password?".
    await person.goto(await app.signInUrl());
    await expect(person.getByRole('heading', { name: 'Sign in to jAccount' })).toBeVisible();
    await shoot(person, 'sign-in-page');
    await person.getByTestId('recovery-links').getByRole('link', { name: 'Forgot your password?' }).click();
    await expect(person.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
    await shoot(person, 'recover-request');
    await person.locator('#username').fill('hanmeimei');
    await person.locator('#contact').fill('han.mm@EXAMPLE.edu.cn');
    await person.getByRole('button', { name: 'Send the code' }).click();
    await expect(person.getByTestId('recover-sent')).toContainText('If the username and the contact match');
    await shoot(person, 'recover-code-sent');

    // The desk's outbox screen (development adapter) shows the message with the code.
    await page.getByTestId('nav-outbox').click();
    const row = page.locator('[data-testid="outbox-row"][data-template="password_reset_code"]').first();
    await expect(row).toContainText('H***@example.edu.cn');
    await row.click();
    const body = page.getByTestId('outbox-body');
    await expect(body).toContainText(/\d{6}/);
    const code = /\b(\d{6})\b/.exec(await body.innerText())![1]!;
    await shoot(page, 'outbox-reset-code');
    await page.keyboard.press('Escape');
    await expect(body).toHaveCount(0);

    // A password the policy refuses, in words; then the new password.
    await person.locator('#resetCode').fill(code);
    await person.locator('#password').fill('Password2026!');
    await person.locator('#password2').fill('Password2026!');
    await person.getByRole('button', { name: 'Set the new password' }).click();
    await expect(person.locator('#password-error')).toHaveText('This password is too common; choose another.');
    await shoot(person, 'recover-policy-error');
    await person.locator('#resetCode').fill(code);
    await person.locator('#password').fill('Silver kite over Minhang 7');
    await person.locator('#password2').fill('Silver kite over Minhang 7');
    await person.getByRole('button', { name: 'Set the new password' }).click();
    await expect(person.getByTestId('password-changed')).toContainText('The password of hanmeimei has been changed');
    await shoot(person, 'recover-done');

    // The old password no longer works on the sign-in page; the new one does.
    await person.goto(await app.signInUrl());
    await person.locator('#username').fill('hanmeimei');
    await person.locator('#password').fill('Forgotten garden gate 19');
    await person.locator('form button[type="submit"]').click();
    await expect(person.getByTestId('sign-in-problem')).toBeVisible();
    await signInOnTokenService(person, await app.signInUrl(), 'hanmeimei', 'Silver kite over Minhang 7');

    // The security notice went out too.
    await page.getByTestId('outbox-refresh').click();
    await expect(page.locator('[data-testid="outbox-row"][data-template="password_changed"]')).toHaveCount(2);
  } finally {
    await person.close();
    app.close();
  }
});

test('counter reset: ID check recorded, counter code issued once with a printed slip, the person sets a password with it and signs in', async ({
  page,
  desk,
  browser,
}) => {
  test.setTimeout(150_000);
  await onboardAdmin(page, desk);
  const app = await application(page, desk);
  const id = await holder(page, desk, { name: '李雷', username: 'lilei', doc: 'E13572468', email: 'lilei@example.edu.cn' });
  await page.goto(`${desk.url}#/accounts/${id}`);
  const card = page.getByTestId('account-card');
  const recovery = card.getByTestId('card-recovery');
  await expect(recovery.getByTestId('recovery-check')).toHaveAttribute('data-state', 'none');
  await expect(recovery.getByTestId('recovery-issue')).toBeDisabled();

  // A mismatch is recorded and blocks; then the check as read off the passport: the 5 characters before the last 4, which the card never shows.
  const dialog = page.getByRole('dialog');
  const check = async (characters: string) => {
    await recovery.getByTestId('recovery-id-check').click();
    await dialog.getByLabel(/^所见证件类型/).click();
    await page.getByRole('option', { name: '护照', exact: true }).click();
    await expect(dialog.getByTestId('id-check-pattern')).toContainText('_____2468');
    await dialog.getByLabel(/^最后 4 位之前的 5 位/).fill(characters);
    await shoot(page, 'counter-id-check');
    await dialog.getByRole('button', { name: '记录核验' }).click();
  };
  await check('E1358');
  await expect(page.getByTestId('id-check-result')).toHaveAttribute('data-matched', 'false');
  await expect(page.getByTestId('id-check-result')).toContainText('所输字符与登记的证件号码不符。');
  await page.getByTestId('id-check-close').click();
  await expect(recovery.getByTestId('recovery-check')).toHaveAttribute('data-state', 'mismatch');
  await expect(recovery.getByTestId('recovery-issue')).toBeDisabled();
  await check('E1357');
  await expect(page.getByTestId('id-check-result')).toHaveAttribute('data-matched', 'true');
  await page.getByTestId('id-check-close').click();
  await expect(recovery.getByTestId('recovery-check')).toHaveAttribute('data-state', 'matched');

  // The counter code: chosen lifetime, shown once, on a printable slip that never shows the password.
  await recovery.getByTestId('recovery-issue').click();
  await dialog.getByText('15 分钟').click();
  await shoot(page, 'counter-issue');
  await dialog.getByRole('button', { name: '发放' }).click();
  const code = (await page.getByTestId('counter-code-code').innerText()).trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(page.getByTestId('counter-code-expires')).toContainText(/有效期至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  const slip = page.getByTestId('counter-code-slip');
  await expect(slip).toBeHidden();
  await expect(slip).toContainText(code);
  await expect(slip).toContainText('jAccount 密码重置单');
  await expect(slip).toContainText('*****2468');
  await shoot(page, 'counter-code-modal');
  await page.emulateMedia({ media: 'print' });
  await expect(slip).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/counter-slip-print.png` });
  await page.emulateMedia({ media: 'screen' });
  await page.getByTestId('counter-code-done').click();
  await expect(page.getByTestId('counter-code-code')).toHaveCount(0);
  await expect(card.getByTestId('diagnosis-open-recovery')).toHaveAttribute('data-purpose', 'counter_reset');
  await expect(recovery.getByTestId('recovery-open-code')).toHaveAttribute('data-purpose', 'counter_reset');
  await shoot(page, 'counter-card');

  // A second code is refused while this one is open.
  await recovery.getByTestId('recovery-issue').click();
  await dialog.getByRole('button', { name: '发放' }).click();
  await expect(dialog.getByTestId('form-error')).toContainText('已有柜台重置码');
  await dialog.getByRole('button', { name: '取消' }).click();

  // The person, in Chinese, on the counter code page: a mistyped code, then the right one.
  const person = await browser.newPage({ viewport: SIZES[0], locale: 'zh-CN' });
  try {
    await person.goto(`${desk.portalUrl}recover/counter?lang=zh-CN`);
    await person.locator('#username').fill('lilei');
    await person.locator('#counterCode').fill('AAAA-BBBB-CCCC');
    await person.locator('#password').fill('Evening bell at Xuhui 64');
    await person.locator('#password2').fill('Evening bell at Xuhui 64');
    await person.getByRole('button', { name: '设置新密码' }).click();
    await expect(person.locator('#counterCode-error')).toHaveText('重置码错误、已过期或已使用。');
    await shoot(person, 'counter-portal-error');
    await person.locator('#counterCode').fill(code.toLowerCase());
    await person.locator('#password').fill('Evening bell at Xuhui 64');
    await person.locator('#password2').fill('Evening bell at Xuhui 64');
    await person.getByRole('button', { name: '设置新密码' }).click();
    await expect(person.getByTestId('password-changed')).toContainText('lilei 的密码已更新');
    await signInOnTokenService(person, await app.signInUrl(), 'lilei', 'Evening bell at Xuhui 64');
  } finally {
    await person.close();
    app.close();
  }

  // The card: no code open any more, and the events tell the story.
  await page.reload();
  await expect(recovery.getByTestId('recovery-open-codes')).toContainText('没有有效的重置码。');
  await expect(card.getByTestId('diagnosis-open-recovery')).toHaveCount(0);
  const events = recovery.getByTestId('recovery-event');
  await expect(events.first()).toContainText('柜台重置码已使用');
  await expect(recovery.getByTestId('recovery-events')).toContainText('身份核验（护照）：不一致');
  await shoot(page, 'counter-card-after');
});
