import * as oidc from 'openid-client';
import { jsonField } from '../../src/main/store/dialect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByUsername } from '../../src/main/accounts/account-repository';
import { listApplications } from '../../src/main/clients/client-repository';
import { sha256 } from '../../src/main/crypto/one-time-password';
import { openNotificationParams } from '../../src/main/notify/outbox';
import { HolderSessions } from '../../src/main/portal/holder-session';
import { holderSessionsOfAccount } from '../../src/main/portal/holder-session-repository';
import { type PortalServer, startPortal } from '../../src/main/portal/portal-server';
import type { ApplicationInput } from '../../src/shared/contract/clients';
import { ADMIN_PASSWORD, type TestDesk, cookieJar, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';
import { allNotifications, auditEntriesOf } from '../support/readers';
import { totpNow } from '../support/totp';
import { activeAccount, issueClient } from '../support/token-service-fixture';
import { UserAgent, formAction } from '../support/user-agent';

/*
 * The security review's token-service findings, reproduced over real HTTP against the
 * running token service on a real sqlite store:
 * - `/code/current` gave any holder's token the identity code (real name included), whatever
 *   its scope, and went on after its client was disabled or deleted;
 * - a client disabled and enabled again got its old grants back (refresh tokens, opaque
 *   access tokens);
 * - the holder's `/code` sign-in (a stateless cookie) outlived a password reset, a suspension
 *   and the holder's own sign-out.
 */

const PASSWORD = 'Harbour lights 42';
const WEB_REDIRECT = 'https://courses.example.edu.cn/callback';
const NATIVE_REDIRECT = 'http://127.0.0.1:43110/cb';

let t: TestDesk;
let portal: PortalServer;
let jar: ReturnType<typeof cookieJar>;
let totpSecret: string;
let nextPerson = 1;

beforeAll(async () => {
  t = await openTestDesk();
  ({ jar, secret: totpSecret } = await signInFirstAdmin(t));
  // The fake clock moves on for activations and codes: keep the operator's session unlocked.
  await t.call('settings.update', { idleLockSeconds: 3600 }, jar);
  portal = await startPortal(t.desk, { host: '127.0.0.1', port: 0, clock: () => t.clock.now });
});
afterAll(async () => {
  await portal.close();
  await t.close();
});

/** A new active account (distinct username, number and passport each time). */
async function person(): Promise<{ username: string; id: number }> {
  const n = String(nextPerson++).padStart(4, '0');
  const username = `holder${n}`;
  // Activation moves the fake clock on: the operator's activity keeps the workstation from locking.
  await t.call('auth.touch', {}, jar);
  await activeAccount(t, jar, { username, password: PASSWORD, number: `52303091${n}`, documentNumber: `E7777${n}` });
  const { id } = (await findAccountByUsername(t.desk.db.reader, username))!;
  return { username, id };
}

/** After a long move of the clock the operator's session has ended: sign in again. */
async function signInAgain() {
  jar = cookieJar();
  await t.call('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD, desk: 'minhang' }, jar);
  await t.call('auth.verifyTotp', { code: totpNow(totpSecret, t.clock.now.getTime()) }, jar);
}

/** An issued client and its openid-client configuration. */
async function client(overrides: Partial<ApplicationInput> = {}) {
  const issued = await issueClient(t, jar, { appName: `应用 ${nextPerson++}`, ...overrides });
  const auth = issued.secret ? oidc.ClientSecretBasic(issued.secret) : oidc.None();
  const config = await oidc.discovery(new URL(portal.issuer), issued.clientId, undefined, auth, { execute: [oidc.allowInsecureRequests] });
  return { ...issued, config, redirect: (overrides.redirectUris ?? [WEB_REDIRECT])[0]! };
}

type Client = Awaited<ReturnType<typeof client>>;

/** The holder signs in on the real pages and consents; returns the tokens and the consent page's scope list. */
async function tokensFor(c: Client, username: string, scope: string, lang = 'en') {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(c.config, {
    redirect_uri: c.redirect,
    scope,
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    ui_locales: lang,
    // offline_access is granted only with a consent prompt (OpenID Connect Core 11).
    prompt: 'consent',
  });
  const agent = new UserAgent();
  const origin = portal.issuer;
  const start = await agent.follow(await agent.get(url.toString()), url.toString(), origin);
  const login = new URL(formAction(await start.response.text()), start.url).toString();
  let next = await agent.follow(await agent.post(login, { username, password: PASSWORD }), login, origin);
  let consent = '';
  if (!next.left) {
    consent = await next.response.text();
    const confirm = new URL(formAction(consent), next.url).toString();
    next = await agent.follow(await agent.post(confirm, {}), confirm, origin);
  }
  expect(next.left, 'sent back to the application').toBeTruthy();
  const tokens = await oidc.authorizationCodeGrant(c.config, new URL(next.left!), { pkceCodeVerifier: verifier, expectedState: state });
  return { tokens, consent };
}

function currentCode(accessToken: string) {
  return fetch(new URL('/code/current', portal.issuer), { headers: { authorization: `Bearer ${accessToken}` } });
}

function userinfo(accessToken: string) {
  return fetch(new URL('/me', portal.issuer), { headers: { authorization: `Bearer ${accessToken}` } });
}

async function applicationId(clientId: string): Promise<number> {
  return (await t.call('clients.list', {}, jar)).items.find((i) => i.clientId === clientId)!.id;
}

async function storedOf(clientId: string): Promise<string[]> {
  const rows = await t.desk.db.reader.all<{ model: string }>(
    `SELECT model FROM oidc_models WHERE ${jsonField(t.desk.db.engine, 'payload', 'clientId')} = ? ORDER BY model`,
    [clientId],
  );
  return rows.map((r) => r.model);
}

const WITH_CODES: Partial<ApplicationInput> = { scopes: ['openid', 'profile', 'offline_access', 'identity_code'] };

describe('identity codes for applications: scope and client status', () => {
  it('a public client approved only for openid gets no identity code', async () => {
    const { username } = await person();
    const pub = await client({
      clientType: 'public',
      grantTypes: ['authorization_code'],
      scopes: ['openid'],
      redirectUris: [NATIVE_REDIRECT],
      postLogoutRedirectUris: [],
    });
    const { tokens } = await tokensFor(pub, username, 'openid');
    const answer = await currentCode(tokens.access_token);
    expect(answer.status).toBe(403);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="identity_code"');
    const body = await answer.text();
    expect(JSON.parse(body)).toEqual({ error: 'insufficient_scope' });
    expect(body).not.toContain('JAC1:');
    // Nor may it ask for the scope it was not approved for.
    const asked = oidc.buildAuthorizationUrl(pub.config, {
      redirect_uri: NATIVE_REDIRECT,
      scope: 'openid identity_code',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const refused = await fetch(asked, { redirect: 'manual' });
    expect(new URL(refused.headers.get('location')!).searchParams.get('error')).toBe('invalid_scope');
  });

  it('a client approved for identity_code gets it only with a token carrying the scope, the consent page saying so', async () => {
    const { username } = await person();
    const app = await client(WITH_CODES);
    const without = await tokensFor(app, username, 'openid profile');
    expect((await currentCode(without.tokens.access_token)).status).toBe(403);

    const withCode = await tokensFor(app, username, 'openid identity_code');
    expect(withCode.consent).toContain('Get your identity code (with your username and real name)');
    const answer = await currentCode(withCode.tokens.access_token);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { code: string }).code).toMatch(/^JAC1:/);

    const zh = await tokensFor(app, username, 'openid identity_code', 'zh-CN');
    expect(zh.consent).toContain('获取您的身份码（含用户名和姓名）');

    // The NIC takes the scope back: the tokens already issued with it stop getting codes.
    await t.call('clients.update', { id: await applicationId(app.clientId), scopes: ['openid', 'profile', 'offline_access'] }, jar);
    expect((await currentCode(withCode.tokens.access_token)).status).toBe(403);
  });

  it('refuses identity_code to a client without the authorization code grant, naming the field, and writes nothing', async () => {
    const before = (await listApplications(t.desk.db.reader)).length;
    const error = await t.fail(
      'clients.submit',
      {
        appName: '门禁后台',
        department: '保卫处',
        purpose: 'Gate controllers check codes.',
        homepage: 'https://gates.example.edu.cn/',
        clientType: 'confidential',
        grantTypes: ['client_credentials'],
        scopes: ['identity_code'],
        redirectUris: [],
        postLogoutRedirectUris: [],
        contact: { name: '孙老师', email: 'gates@example.edu.cn', phone: '021-34200001' },
      },
      jar,
    );
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'scopes', reason: 'identity_code_needs_code' }] });
    expect(await listApplications(t.desk.db.reader)).toHaveLength(before);
  });

  it('stops giving codes once the client is disabled, and does not start again when it is enabled', async () => {
    const { username } = await person();
    const app = await client(WITH_CODES);
    const { tokens } = await tokensFor(app, username, 'openid identity_code');
    expect((await currentCode(tokens.access_token)).status).toBe(200);
    const id = await applicationId(app.clientId);
    await t.call('clients.setDisabled', { id, disabled: true, reason: 'Department asked to pause the app' }, jar);
    const refused = await currentCode(tokens.access_token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    await t.call('clients.setDisabled', { id, disabled: false, reason: 'Department resumed the app' }, jar);
    expect((await currentCode(tokens.access_token)).status).toBe(401);
  });

  it('stops giving codes once the client is deleted', async () => {
    const { username } = await person();
    const app = await client(WITH_CODES);
    const { tokens } = await tokensFor(app, username, 'openid identity_code');
    expect((await currentCode(tokens.access_token)).status).toBe(200);
    await t.call('clients.delete', { id: await applicationId(app.clientId), reason: 'Application retired' }, jar);
    expect((await currentCode(tokens.access_token)).status).toBe(401);
    expect((await userinfo(tokens.access_token)).status).toBe(401);
    expect(await storedOf(app.clientId)).toEqual([]);
    const [entry] = (await t.call('clients.get', { id: await applicationId(app.clientId) }, jar)).history;
    expect(entry).toMatchObject({ action: 'clients.delete', outcome: 'success', detail: { clientId: app.clientId, grantsRevoked: 1 } });
  });

  it('finds no token of a client that is no longer enabled, even where its rows are still stored', async () => {
    const { username } = await person();
    const app = await client(WITH_CODES);
    const { tokens } = await tokensFor(app, username, 'openid identity_code offline_access');
    // Disabled behind the registry's back (as by another desk's write): the grant and token rows stay.
    await t.desk.db.write(async (tx) => {
      t.desk.clients.forgetAfterCommit();
      await tx.run("UPDATE clients SET status = 'disabled', status_reason = 'test' WHERE client_id = ?", [app.clientId]);
    });
    expect(await storedOf(app.clientId)).toEqual(expect.arrayContaining(['AccessToken', 'Grant', 'RefreshToken']));
    const provider = await portal.tokenService.provider();
    expect(await provider.AccessToken.find(tokens.access_token)).toBeUndefined();
    expect(await provider.RefreshToken.find(tokens.refresh_token!)).toBeUndefined();
    expect((await currentCode(tokens.access_token)).status).toBe(401);
    expect((await userinfo(tokens.access_token)).status).toBe(401);
  });
});

describe('disabling a client revokes its grants', () => {
  it('a refresh token, an access token and introspection from before the disable stay dead after it is enabled again', async () => {
    const { username } = await person();
    const app = await client(WITH_CODES);
    const { tokens } = await tokensFor(app, username, 'openid profile offline_access identity_code');
    expect(tokens.refresh_token).toBeTruthy();
    expect((await oidc.tokenIntrospection(app.config, tokens.refresh_token!)).active).toBe(true);
    const id = await applicationId(app.clientId);

    await t.call('clients.setDisabled', { id, disabled: true, reason: 'Leaked secret suspected' }, jar);
    // Everything issued to it is gone with the disable, in its transaction.
    expect(await storedOf(app.clientId)).toEqual([]);
    const [entry] = (await t.call('clients.get', { id }, jar)).history;
    expect(entry).toMatchObject({ action: 'clients.setDisabled', outcome: 'success', detail: { disabled: true, grantsRevoked: 1 } });
    await expect(oidc.refreshTokenGrant(app.config, tokens.refresh_token!)).rejects.toMatchObject({ status: 401 });

    await t.call('clients.setDisabled', { id, disabled: false, reason: 'Secret rotated, app resumed' }, jar);
    await expect(oidc.refreshTokenGrant(app.config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await userinfo(tokens.access_token)).status).toBe(401);
    expect((await oidc.tokenIntrospection(app.config, tokens.access_token)).active).toBe(false);
    expect((await oidc.tokenIntrospection(app.config, tokens.refresh_token!)).active).toBe(false);
    expect((await currentCode(tokens.access_token)).status).toBe(401);

    // The client itself works again: a new sign-in gets new tokens.
    const fresh = await tokensFor(app, username, 'openid offline_access');
    await expect(oidc.refreshTokenGrant(app.config, fresh.tokens.refresh_token!)).resolves.toHaveProperty('access_token');
  });

  it('leaves the grants of other clients alone', async () => {
    const { username } = await person();
    const [one, other] = [await client(WITH_CODES), await client(WITH_CODES)];
    await tokensFor(one, username, 'openid offline_access');
    const kept = await tokensFor(other, username, 'openid offline_access');
    await t.call('clients.setDisabled', { id: await applicationId(one.clientId), disabled: true, reason: 'Paused for maintenance' }, jar);
    await expect(oidc.refreshTokenGrant(other.config, kept.tokens.refresh_token!)).resolves.toHaveProperty('access_token');
  });
});

describe('the holder\'s /code sign-in is kept on the server', () => {
  const codeUrl = () => new URL('/code', portal.issuer).toString();

  /** Signs in on /code; returns the cookie the browser got. */
  async function signInOnCodePage(username: string) {
    const answer = await fetch(new URL('/code/sign-in', portal.issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: portal.issuer, 'user-agent': `Mozilla/5.0 (iPhone)\tSafari/17 ${'x'.repeat(200)}` },
      body: new URLSearchParams({ username, password: PASSWORD }).toString(),
      redirect: 'manual',
    });
    expect(answer.status).toBe(303);
    const setCookie = answer.headers.get('set-cookie')!;
    return { setCookie, cookie: setCookie.split(';')[0]! };
  }

  async function page(cookie: string) {
    const answer = await fetch(codeUrl(), { headers: { cookie } });
    return { status: answer.status, html: await answer.text() };
  }

  const showsCode = (html: string) => html.includes('data-testid="identity-qr"');
  const asksToSignIn = (html: string) => html.includes('name="password"') && !showsCode(html);

  const sessionsOf = (accountId: number) =>
    t.desk.db.reader.all<{ token_hash: string; end_reason: string | null; ended_at: string | null; user_agent: string; source_address: string }>(
      'SELECT token_hash, end_reason, ended_at, user_agent, source_address FROM holder_sessions WHERE account_id = ? ORDER BY id',
      [accountId],
    );

  it('stores only the hash of the cookie\'s token, with where the sign-in came from', async () => {
    const { username, id } = await person();
    const { setCookie, cookie } = await signInOnCodePage(username);
    expect(setCookie).toMatch(/; Path=\/code; HttpOnly; SameSite=Strict; Max-Age=28800$/);
    const token = cookie.split('=')[1]!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(token).not.toContain(Buffer.from(username).toString('base64url'));
    const [row, ...others] = await sessionsOf(id);
    expect(others).toEqual([]);
    expect(row).toMatchObject({ token_hash: sha256(token), end_reason: null, ended_at: null, source_address: '127.0.0.1' });
    expect(row!.user_agent).toMatch(/^Mozilla\/5\.0 \(iPhone\) Safari\/17 x+$/);
    expect(row!.user_agent).toHaveLength(120);
    expect(JSON.stringify(await t.desk.db.reader.all('SELECT * FROM holder_sessions'))).not.toContain(token);
    expect(showsCode((await page(cookie)).html)).toBe(true);
  });

  it('ends with a password reset, as the reset page says', async () => {
    const { username, id } = await person();
    const { cookie } = await signInOnCodePage(username);
    expect(showsCode((await page(cookie)).html)).toBe(true);
    // Forgot password, self-service: a code to the bound mobile, then the new password with it.
    const form = (path: string, fields: Record<string, string>) =>
      fetch(new URL(path, portal.issuer), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: portal.issuer },
        body: new URLSearchParams(fields).toString(),
      });
    expect((await form('/recover?lang=en', { username, contact: '13900001111' })).status).toBe(200);
    const sent = (await allNotifications(t.desk.db.reader)).filter((n) => n.template === 'password_reset_code' && n.account_id === id).at(-1);
    const { code } = openNotificationParams(t.desk.dataKey, sent!.params_sealed);
    const reset = await form('/recover/reset?lang=en', { username, resetCode: code!, password: 'Winter river 2026!', password2: 'Winter river 2026!' });
    expect(reset.status).toBe(200);
    expect(await reset.text()).toContain('every earlier sign-in has been ended');
    expect(asksToSignIn((await page(cookie)).html)).toBe(true);
    expect(await sessionsOf(id)).toMatchObject([{ end_reason: 'password_reset', ended_at: t.clock.now.toISOString() }]);
  });

  it('ends with a suspension and does not come back with the reactivation; a revocation ends it too', async () => {
    const { username, id } = await person();
    const first = await signInOnCodePage(username);
    await t.call('accounts.setStatus', { id, status: 'suspended', reason: 'Account lent to a classmate' }, jar);
    expect(asksToSignIn((await page(first.cookie)).html)).toBe(true);
    await t.call('accounts.setStatus', { id, status: 'active', reason: 'Reviewed: reinstated' }, jar);
    expect(asksToSignIn((await page(first.cookie)).html)).toBe(true);

    const second = await signInOnCodePage(username);
    expect(showsCode((await page(second.cookie)).html)).toBe(true);
    await t.call('accounts.setStatus', { id, status: 'revoked', reason: 'Left the university' }, jar);
    expect(asksToSignIn((await page(second.cookie)).html)).toBe(true);
    expect((await sessionsOf(id)).map((s) => s.end_reason)).toEqual(['account_suspended', 'account_revoked']);
    const audit = await auditEntriesOf(t.desk.db.reader, 'accounts.setStatus', { target: `account:${id}` });
    expect(audit.map((a) => JSON.parse(a.detail).holderSessionsEnded)).toEqual([1, undefined, 1]);
  });

  it('ends on sign-out: the same cookie sent again is refused', async () => {
    const { username, id } = await person();
    const { cookie } = await signInOnCodePage(username);
    const out = await fetch(new URL('/code/sign-out', portal.issuer), { method: 'POST', headers: { origin: portal.issuer, cookie }, redirect: 'manual' });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect(asksToSignIn((await page(cookie)).html)).toBe(true);
    expect(await sessionsOf(id)).toMatchObject([{ end_reason: 'signed_out' }]);
  });

  it('ends the browser\'s previous session when it signs in again, and runs out after 8 hours', async () => {
    const { username, id } = await person();
    const first = await signInOnCodePage(username);
    const again = await fetch(new URL('/code/sign-in', portal.issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: portal.issuer, cookie: first.cookie },
      body: new URLSearchParams({ username, password: PASSWORD }).toString(),
      redirect: 'manual',
    });
    const second = again.headers.get('set-cookie')!.split(';')[0]!;
    expect(asksToSignIn((await page(first.cookie)).html)).toBe(true);
    expect(showsCode((await page(second)).html)).toBe(true);
    expect((await sessionsOf(id)).map((s) => s.end_reason)).toEqual(['replaced', null]);
    // What the holder's account page will list: newest first, never the token's hash.
    const listed = await holderSessionsOfAccount(t.desk.db.reader, id);
    expect(listed.map((s) => s.end_reason)).toEqual([null, 'replaced']);
    expect(Object.keys(listed[0]!)).not.toContain('token_hash');
    expect(listed[0]).toMatchObject({ account_id: id, source_address: '127.0.0.1', expires_at: new Date(t.clock.now.getTime() + 8 * 3600 * 1000).toISOString() });

    t.clock.advance(8 * 3600 * 1000);
    expect(asksToSignIn((await page(second)).html)).toBe(true);
    // Ended and expired sessions are kept 30 days, then dropped at the next sign-in.
    t.clock.advance(30 * 24 * 3600 * 1000 + 60_000);
    const third = await signInOnCodePage(username);
    expect(showsCode((await page(third.cookie)).html)).toBe(true);
    expect((await holderSessionsOfAccount(t.desk.db.reader, id)).map((s) => s.end_reason)).toEqual([null]);
    await signInAgain();
  });

  it('holds the line in the store: an ended session stays ended, and only a hash fits the token column', async () => {
    const { username, id } = await person();
    const { cookie } = await signInOnCodePage(username);
    await fetch(new URL('/code/sign-out', portal.issuer), { method: 'POST', headers: { origin: portal.issuer, cookie }, redirect: 'manual' });
    await expect(t.desk.db.write((tx) => tx.run('UPDATE holder_sessions SET ended_at = NULL, end_reason = NULL WHERE account_id = ?', [id]))).rejects.toThrow(
      /stays ended/,
    );
    const at = t.clock.now.toISOString();
    const later = new Date(t.clock.now.getTime() + 1000).toISOString();
    await expect(
      t.desk.db.write((tx) =>
        tx.run(
          'INSERT INTO holder_sessions (token_hash, account_id, created_at, last_seen_at, expires_at, source_address, user_agent) VALUES (?,?,?,?,?,?,?)',
          [cookie.split('=')[1]!, id, at, at, later, '127.0.0.1', 'test'],
        ),
      ),
    ).rejects.toThrow(/CHECK|check constraint/);
    expect(asksToSignIn((await page(cookie)).html)).toBe(true);
  });

  it('makes no session for a password check that a reset overtook', async () => {
    const { id } = await person();
    const sessions = new HolderSessions(t.desk.store, 3600);
    const stale = await sessions.start({ id, passwordHash: 'the hash before the reset' }, { sourceAddress: '127.0.0.1', userAgent: 'test' }, undefined, t.clock.now);
    expect(stale).toBeNull();
    expect(await sessionsOf(id)).toEqual([]);
  });
});
