import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import * as jose from 'jose';
import * as oidc from 'openid-client';
import { type RunningDesk, startHeadlessDesk } from '../support/headless-desk';
import { letActivationSettle } from '../support/store-tweaks';
import { onboardAdmin, rpcFromPage } from './console-steps';

let desk: RunningDesk;
let callbackServer: http.Server;
const callbacks: string[] = [];

test.beforeAll(async () => {
  desk = await startHeadlessDesk();
  callbackServer = http.createServer((req, res) => {
    callbacks.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/plain' }).end('signed in');
  });
  await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
});
test.afterAll(async () => {
  callbackServer?.close();
  await desk?.stop();
});

async function rpc<T>(page: Parameters<typeof rpcFromPage>[0], channel: string, input: unknown): Promise<T> {
  const { body } = await rpcFromPage(page, channel, input);
  if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
  return body.value as T;
}

test('a department application signs a person in with jAccount: code + PKCE in a real browser', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await onboardAdmin(page, desk);
  const redirectUri = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/callback`;

  const application = await rpc<{ id: number }>(page, 'clients.submit', {
    appName: '图书馆座位预约',
    department: '图书馆',
    purpose: 'Seat booking signs readers in with jAccount.',
    homepage: 'https://seats.example.edu.cn',
    clientType: 'confidential',
    grantTypes: ['authorization_code'],
    scopes: ['openid', 'profile'],
    redirectUris: [redirectUri],
    postLogoutRedirectUris: [],
    contact: { name: '周老师', email: 'seats@example.edu.cn', phone: '021-34200001' },
  });
  await rpc(page, 'clients.recordLeaderApproval', { id: application.id, leaderName: '陈馆长', approvedOn: new Date().toISOString().slice(0, 10) });
  const approved = await rpc<{ application: { client: { clientId: string } }; secretShownOnce: string }>(page, 'clients.approve', { id: application.id });
  const clientId = approved.application.client.clientId;

  const registered = await rpc<{ activationCode: string }>(page, 'accounts.register', {
    realName: '顾一鸣',
    category: 'postgraduate',
    number: '124030910077',
    department: '图书馆',
    documentType: 'passport',
    documentNumber: 'E77778888',
    mobile: '13900003333',
    documentChecked: true,
  });

  // The person activates the account on the real activation page.
  const person = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  await person.goto(`${desk.portalUrl}activate?code=${encodeURIComponent(registered.activationCode)}`);
  await person.getByLabel('用户名').fill('guyiming');
  await person.getByLabel('密码', { exact: true }).fill('Lotus pond at dawn 88');
  await person.getByLabel('再次输入密码').fill('Lotus pond at dawn 88');
  await person.getByRole('button', { name: '激活' }).click();
  await expect(person.getByTestId('activated')).toContainText('guyiming');
  await letActivationSettle(desk.dataDir, 'guyiming');

  const issuer = desk.portalUrl.replace(/\/$/, '');
  const config = await oidc.discovery(new URL(issuer), clientId, undefined, oidc.ClientSecretBasic(approved.secretShownOnce), {
    execute: [oidc.allowInsecureRequests],
  });
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const authorizationUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile',
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });

  await person.goto(authorizationUrl.toString());
  await expect(person.getByRole('heading', { name: '登录 jAccount' })).toBeVisible();
  await expect(person.getByTestId('client-name')).toHaveText('图书馆座位预约');
  await person.screenshot({ path: 'test-results/token-service-sign-in.png' });
  await person.getByLabel('用户名').fill('guyiming');
  await person.getByLabel('密码').fill('wrong password here');
  await person.getByRole('button', { name: '登录' }).click();
  await expect(person.getByTestId('sign-in-problem')).toHaveText('用户名或密码错误。');
  await person.getByRole('link', { name: 'English' }).click();
  await person.getByLabel('Username').fill('guyiming');
  await person.getByLabel('Password').fill('Lotus pond at dawn 88');
  await person.getByRole('button', { name: 'Sign in' }).click();

  await expect(person.getByRole('heading', { name: 'Allow access' })).toBeVisible();
  await expect(person.getByTestId('consent-scopes')).toContainText('Your name, category and school or department');
  await person.screenshot({ path: 'test-results/token-service-consent.png' });
  await person.getByTestId('consent-allow').click();
  await expect(person.locator('body')).toHaveText('signed in');

  const callback = new URL(callbacks.filter((c) => c.startsWith('/callback?')).at(-1)!, redirectUri);
  const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
  const jwks = jose.createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!));
  const { payload } = await jose.jwtVerify(tokens.id_token!, jwks, { issuer, audience: clientId });
  expect(payload.sub).toBe('guyiming');
  const info = await oidc.fetchUserInfo(config, tokens.access_token, 'guyiming');
  expect(info).toMatchObject({ name: '顾一鸣', category: 'postgraduate', department: '图书馆' });

  // The desk's login diagnosis sees the failed attempt and the success.
  const diagnosis = await rpc<{ account: { id: number } }>(page, 'accounts.diagnose', { username: 'guyiming' });
  const card = await rpc<{ recentSignIns: { outcome: string }[] }>(page, 'accounts.get', { id: diagnosis.account.id });
  expect(card.recentSignIns.map((s) => s.outcome)).toEqual(expect.arrayContaining(['success', 'wrong_password']));
});
