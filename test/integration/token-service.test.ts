import * as jose from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByUsername } from '../../src/main/accounts/account-repository';
import { recentSignInAttempts } from '../../src/main/accounts/sign-in-attempt-repository';
import { JACCOUNT_API } from '../../src/main/oidc/provider-config';
import { makeBundle } from '../../src/main/verify/bundle-maker';
import { verifyCredential } from '../../src/shared/identity-code';
import { type PortalServer, startPortal } from '../../src/main/portal/portal-server';
import { JWKS_CACHE_MAX_AGE } from '../../src/shared/oauth/lifetimes';
import { ADMIN_PASSWORD, type TestDesk, cookieJar, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';
import { totpNow } from '../support/totp';
import { activeAccount, issueClient } from '../support/token-service-fixture';
import { UserAgent, formAction } from '../support/user-agent';
import { repositoriesFor } from '../../src/main/repositories';

const REDIRECT = 'https://courses.example.edu.cn/callback';
const PASSWORD = 'Harbour lights 42';

let t: TestDesk;
let portal: PortalServer;
let jar: ReturnType<typeof cookieJar>;
let config: oidc.Configuration;
let clientId: string;
let secret: string;

beforeAll(async () => {
  t = await openTestDesk();
  jar = (await signInFirstAdmin(t)).jar;
  portal = await startPortal(t.desk, { host: '127.0.0.1', port: 0, clock: () => t.clock.now });
  const issued = await issueClient(t, jar, { scopes: ['openid', 'profile', 'number', 'email', 'offline_access', 'identity_code'] });
  clientId = issued.clientId;
  secret = issued.secret!;
  await activeAccount(t, jar, { username: 'xiaoming', password: PASSWORD, number: '523030910001', documentNumber: 'E55556666', email: 'xm@example.edu.cn' });
  config = await oidc.discovery(new URL(portal.issuer), clientId, undefined, oidc.ClientSecretBasic(secret), {
    execute: [oidc.allowInsecureRequests],
  });
});
afterAll(async () => {
  await portal.close();
  await t.close();
});

/** A person signs in on the real pages and consents; returns the URL the token service sent the browser back to. */
async function signIn(authorizationUrl: URL, password = PASSWORD, agent = new UserAgent()) {
  const origin = portal.issuer;
  const start = await agent.follow(await agent.get(authorizationUrl.toString()), authorizationUrl.toString(), origin);
  const page = await start.response.text();
  expect(page).toContain('name="password"');
  const login = new URL(formAction(page), start.url).toString();
  const posted = await agent.post(login, { username: 'xiaoming', password });
  if (posted.status !== 303 && posted.status !== 302) return { problem: await posted.text(), callback: null, agent };
  let next = await agent.follow(posted, login, origin);
  if (!next.left) {
    const consent = await next.response.text();
    expect(consent).toContain('data-testid="consent-scopes"');
    const confirm = new URL(formAction(consent), next.url).toString();
    next = await agent.follow(await agent.post(confirm, {}), confirm, origin);
  }
  return { problem: null, callback: next.left ? new URL(next.left) : null, agent };
}

async function codeFlow(scope: string, extra: Record<string, string> = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope,
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    ...extra,
  });
  const { callback } = await signIn(url);
  expect(callback?.origin + callback!.pathname).toBe(REDIRECT);
  return { callback: callback!, verifier, state };
}

async function jwks() {
  const response = await fetch(new URL('/jwks', portal.issuer));
  return jose.createLocalJWKSet((await response.json()) as jose.JSONWebKeySet);
}

describe('the token service', () => {
  it('publishes discovery with code + PKCE S256 only, no implicit or password grant', async () => {
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(portal.issuer);
    expect(meta.response_types_supported).toEqual(['code']);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']));
    expect(meta.grant_types_supported).not.toContain('implicit');
    expect(meta.grant_types_supported).not.toContain('password');
    for (const endpoint of ['introspection_endpoint', 'revocation_endpoint', 'userinfo_endpoint', 'end_session_endpoint', 'jwks_uri'] as const) {
      expect(meta[endpoint], endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    }
  });

  it('runs authorization code + PKCE: ID token signed with the active key, userinfo with the approved claims', async () => {
    const { callback, verifier, state } = await codeFlow('openid profile number email');
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    const { payload, protectedHeader } = await jose.jwtVerify(tokens.id_token!, await jwks(), { issuer: portal.issuer, audience: clientId });
    expect(payload.sub).toBe('xiaoming');
    expect(protectedHeader.alg).toBe('RS256');
    const { activeKid } = await t.desk.keys.signingKeySet();
    expect(protectedHeader.kid).toBe(activeKid.RS256);
    const info = await oidc.fetchUserInfo(config, tokens.access_token, 'xiaoming');
    expect(info).toMatchObject({ sub: 'xiaoming', name: '张晓明', department: '电子信息与电气工程学院', jaccount_number: '523030910001', email: 'xm@example.edu.cn' });
    expect(info.phone_number).toBeUndefined();
    // xiaoming is the one account here: their attempts are all there are.
    const { id } = (await findAccountByUsername(t.desk.db.reader, 'xiaoming'))!;
    const attempts = (await recentSignInAttempts(t.desk.db.reader, id, 1000)).map(({ outcome, source }) => ({ outcome, source }));
    expect(attempts).toContainEqual({ outcome: 'success', source: `token-service:${clientId}` });
  });

  it('issues RFC 9068 JWT access tokens for the jAccount API resource', async () => {
    const { callback, verifier, state } = await codeFlow('openid profile', { resource: JACCOUNT_API });
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state }, { resource: JACCOUNT_API });
    const { payload, protectedHeader } = await jose.jwtVerify(tokens.access_token, await jwks(), {
      issuer: portal.issuer,
      audience: JACCOUNT_API,
      typ: 'at+jwt',
    });
    expect(payload).toMatchObject({ sub: 'xiaoming', client_id: clientId, scope: 'profile' });
    expect(protectedHeader.alg).toBe('RS256');
  });

  it('rotates refresh tokens, and a reused one revokes the whole grant', async () => {
    const { callback, verifier, state } = await codeFlow('openid offline_access', { prompt: 'consent' });
    const first = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    expect(first.refresh_token).toBeTruthy();
    const second = await oidc.refreshTokenGrant(config, first.refresh_token!);
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    await expect(oidc.refreshTokenGrant(config, first.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(oidc.refreshTokenGrant(config, second.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    const introspected = await oidc.tokenIntrospection(config, second.access_token);
    expect(introspected.active).toBe(false);
  });

  it('issues client-credentials tokens as JWTs for the API; those are verified offline, not introspected', async () => {
    const cc = await oidc.clientCredentialsGrant(config, { scope: 'profile' });
    const { payload } = await jose.jwtVerify(cc.access_token, await jwks(), { issuer: portal.issuer, audience: JACCOUNT_API, typ: 'at+jwt' });
    expect(payload).toMatchObject({ client_id: clientId, sub: clientId, scope: 'profile' });
    // RFC 7009 section 2.2.1: a server may decline a token type; self-contained tokens end with their key or their lifetime.
    await expect(oidc.tokenIntrospection(config, cc.access_token)).rejects.toMatchObject({ error: 'unsupported_token_type' });
    await expect(oidc.tokenRevocation(config, cc.access_token)).rejects.toMatchObject({ error: 'unsupported_token_type' });
  });

  it('forgets a disabled client at its next request, and knows it again when enabled', async () => {
    await t.call('auth.unlock', { password: ADMIN_PASSWORD }, jar);
    const { items } = await t.call('clients.list', {}, jar);
    const id = items.find((i) => i.clientId === clientId)!.id;
    await t.call('clients.setDisabled', { id, disabled: true, reason: 'Department asked to pause the app' }, jar);
    const refused = await oidc.clientCredentialsGrant(config, { scope: 'profile' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 401, cause: [{ parameters: { error: 'invalid_client' } }] });
    await t.call('clients.setDisabled', { id, disabled: false, reason: 'Department resumed the app' }, jar);
    await expect(oidc.clientCredentialsGrant(config, { scope: 'profile' })).resolves.toHaveProperty('access_token');
  });

  it('introspects and revokes opaque tokens (userinfo access tokens, refresh tokens)', async () => {
    const { callback, verifier, state } = await codeFlow('openid profile offline_access', { prompt: 'consent' });
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    expect(await oidc.tokenIntrospection(config, tokens.access_token)).toMatchObject({ active: true, sub: 'xiaoming', client_id: clientId });
    expect(await oidc.tokenIntrospection(config, tokens.refresh_token!)).toMatchObject({ active: true, client_id: clientId });
    await oidc.tokenRevocation(config, tokens.access_token);
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    await expect(oidc.fetchUserInfo(config, tokens.access_token, 'xiaoming')).rejects.toBeDefined();
    await oidc.tokenRevocation(config, tokens.refresh_token!);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('stops a suspended account at its next refresh and userinfo call', async () => {
    const { callback, verifier, state } = await codeFlow('openid profile offline_access', { prompt: 'consent' });
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    await t.call('auth.unlock', { password: ADMIN_PASSWORD }, jar);
    const { account } = await t.call('accounts.diagnose', { username: 'xiaoming' }, jar);
    await t.call('accounts.setStatus', { id: account!.id, status: 'suspended', reason: 'Account lent to a classmate' }, jar);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(oidc.fetchUserInfo(config, tokens.access_token, 'xiaoming')).rejects.toBeDefined();
    await t.call('accounts.setStatus', { id: account!.id, status: 'active', reason: 'Reviewed: reinstated' }, jar);
  });

  it('counts failed sign-ins toward the account lock the desk diagnoses', async () => {
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
      ui_locales: 'en',
    });
    const agent = new UserAgent();
    let last = '';
    for (let i = 0; i < 5; i++) last = (await signIn(url, 'not the password', agent)).problem ?? '';
    expect(last).toContain('The username or password is not correct.');
    const locked = await signIn(url, PASSWORD, agent);
    expect(locked.problem).toContain('locked until');
    await t.call('auth.unlock', { password: ADMIN_PASSWORD }, jar);
    const { account, diagnosis } = await t.call('accounts.diagnose', { username: 'xiaoming' }, jar);
    expect(diagnosis?.code).toBe('locked');
    await t.call('recovery.recordIdCheck', { id: account!.id, documentType: 'passport', hiddenCharacters: 'E5555' }, jar);
    await t.call('accounts.unlock', { id: account!.id, reason: 'ID checked at the counter' }, jar);
  });
});

describe('identity codes for account holders', () => {
  const codeUrl = () => new URL('/code', portal.issuer).toString();
  const codeOf = (page: string) => /data-code="([^"]+)"/.exec(page)![1]!;
  const verify = async (code: string) => verifyCredential(code, await makeBundle(repositoriesFor(t.desk.db.reader), t.desk.keys, t.clock.now), t.clock.now);

  it('signs the holder in on /code and shows a code that verifies, renewing before it expires', async () => {
    const agent = new UserAgent();
    expect(await (await agent.get(codeUrl())).text()).toContain('name="password"');
    const wrong = await agent.post(new URL('/code/sign-in', portal.issuer).toString(), { username: 'xiaoming', password: 'not it' });
    expect(wrong.status).toBe(401);
    const right = await agent.post(new URL('/code/sign-in', portal.issuer).toString(), { username: 'xiaoming', password: PASSWORD });
    expect(right.status).toBe(303);
    const page = await agent.get(codeUrl());
    expect(page.status).toBe(200);
    expect(Number(page.headers.get('refresh'))).toBeGreaterThan(0);
    expect(Number(page.headers.get('refresh'))).toBeLessThan(60);
    const html = await page.text();
    expect(html).toContain('<svg');
    const verdict = await verify(codeOf(html));
    expect(verdict).toMatchObject({ valid: true, claims: { sub: 'xiaoming' } });
  });

  it('refuses a forged holder cookie and a POST from another origin', async () => {
    const forged = await fetch(codeUrl(), { headers: { cookie: `jaccount_holder=${Buffer.from('xiaoming').toString('base64url')}.9999999999.AAAA` } });
    expect(await forged.text()).toContain('name="password"');
    const crossSite = await fetch(new URL('/code/sign-in', portal.issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ username: 'xiaoming', password: PASSWORD }).toString(),
      redirect: 'manual',
    });
    expect(crossSite.status).toBe(403);
  });

  it('gives an application holding the holder\'s access token with the identity_code scope the current code', async () => {
    const { callback, verifier, state } = await codeFlow('openid identity_code');
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    const answer = await fetch(new URL('/code/current', portal.issuer), { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { code: string; expires_at: string };
    expect(await verify(body.code)).toMatchObject({ valid: true, claims: { sub: 'xiaoming' } });
    const anonymous = await fetch(new URL('/code/current', portal.issuer));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('invalid_token');
  });
});

/** A second key admin, for the four-eyes revocation: signed in, password changed, TOTP enrolled. */
async function secondKeyAdmin() {
  const second = cookieJar();
  const { oneTimePassword } = await t.call('staff.create', { username: 'key.wu', displayName: 'Wu', roles: ['key_admin'] }, jar);
  await t.call('auth.signIn', { username: 'key.wu', password: oneTimePassword, desk: 'xuhui' }, second);
  await t.call('auth.changePassword', { currentPassword: oneTimePassword, newPassword: 'Wutong lanterns by the river 7' }, second);
  const { secret: totp } = await t.call('auth.totpEnrollBegin', {}, second);
  await t.call('auth.totpEnrollConfirm', { code: totpNow(totp, t.clock.now.getTime()) }, second);
  return second;
}

describe('key rotation in the running service', () => {
  it('a promoted key signs at once; the retired key still verifies; tokens of a revoked key fail', async () => {
    const before = await oidc.clientCredentialsGrant(config, { scope: 'profile' });
    const oldKid = jose.decodeProtectedHeader(before.access_token).kid!;

    await t.call('auth.unlock', { password: ADMIN_PASSWORD }, jar);
    const next = await t.call('keys.generateNext', { alg: 'RS256' }, jar);
    const published = (await fetch(new URL('/jwks', portal.issuer)).then((r) => r.json())) as jose.JSONWebKeySet;
    expect(published.keys.map((k) => k.kid)).toContain(next.kid);
    const tooEarly = await t.fail('keys.promote', { kid: next.kid }, jar);
    expect(tooEarly.code).toBe('CONFLICT');
    const stillOld = await oidc.clientCredentialsGrant(config, { scope: 'profile' });
    expect(jose.decodeProtectedHeader(stillOld.access_token).kid).toBe(oldKid);

    t.clock.advance((JWKS_CACHE_MAX_AGE + 1) * 1000);
    await t.call('auth.unlock', { password: ADMIN_PASSWORD }, jar);
    await t.call('keys.promote', { kid: next.kid }, jar);
    const after = await oidc.clientCredentialsGrant(config, { scope: 'profile' });
    expect(jose.decodeProtectedHeader(after.access_token).kid).toBe(next.kid);
    const verify = async (token: string) => jose.jwtVerify(token, await jwks(), { issuer: portal.issuer, audience: JACCOUNT_API });
    await expect(verify(before.access_token)).resolves.toBeDefined();
    await expect(verify(after.access_token)).resolves.toBeDefined();

    const request = await t.call('keys.requestRevocation', { kid: oldKid, reason: 'Private key copied to an unmanaged laptop' }, jar);
    const second = await secondKeyAdmin();
    await t.call('keys.confirmRevocation', { requestId: request.id }, second);
    await expect(verify(before.access_token)).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
    await expect(verify(after.access_token)).resolves.toBeDefined();
  });
});

describe('bad requests get the RFC error, never a 500 and never a redirect to an unregistered URI', () => {
  const authorize = (params: Record<string, string>) => {
    const url = new URL(config.serverMetadata().authorization_endpoint!);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return fetch(url, { redirect: 'manual' });
  };
  const token = (body: Record<string, string>, auth = `${clientId}:${secret}`) =>
    fetch(config.serverMetadata().token_endpoint!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(auth).toString('base64')}` },
      body: new URLSearchParams(body).toString(),
    });

  it('refuses a redirect URI that is not registered exactly, without redirecting', async () => {
    for (const redirect of ['https://courses.example.edu.cn/callback/', 'https://courses.example.edu.cn/callback?x=1', 'https://evil.example/callback']) {
      const response = await authorize({ client_id: clientId, response_type: 'code', scope: 'openid', redirect_uri: redirect, code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' });
      expect(response.status, redirect).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain('invalid_redirect_uri');
    }
  });

  it('requires PKCE with S256', async () => {
    const missing = await authorize({ client_id: clientId, response_type: 'code', scope: 'openid', redirect_uri: REDIRECT });
    expect(new URL(missing.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
    const plain = await authorize({ client_id: clientId, response_type: 'code', scope: 'openid', redirect_uri: REDIRECT, code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' });
    expect(new URL(plain.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
    const implicit = await authorize({ client_id: clientId, response_type: 'token', scope: 'openid', redirect_uri: REDIRECT });
    // The registered redirect URI hears the error (in the fragment, as an implicit client would).
    expect(implicit.headers.get('location')).toMatch(new RegExp(`^${REDIRECT}#error=unsupported_response_type&`));
  });

  it('refuses a wrong verifier and a reused code with invalid_grant', async () => {
    const { callback } = await codeFlow('openid');
    const code = callback.searchParams.get('code')!;
    const wrong = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: oidc.randomPKCECodeVerifier() });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    const again = await codeFlow('openid');
    const ok = await token({ grant_type: 'authorization_code', code: again.callback.searchParams.get('code')!, redirect_uri: REDIRECT, code_verifier: again.verifier });
    expect(ok.status).toBe(200);
    const reused = await token({ grant_type: 'authorization_code', code: again.callback.searchParams.get('code')!, redirect_uri: REDIRECT, code_verifier: again.verifier });
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers cross-origin userinfo calls only from the client\'s own redirect origin', async () => {
    const { callback, verifier, state } = await codeFlow('openid');
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    const from = (origin: string) =>
      fetch(config.serverMetadata().userinfo_endpoint!, { headers: { origin, authorization: `Bearer ${tokens.access_token}` } });
    expect((await from('https://courses.example.edu.cn')).headers.get('access-control-allow-origin')).toBe('https://courses.example.edu.cn');
    expect((await from('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses unknown clients, bad secrets, password grants, oversize and malformed bodies', async () => {
    const unknown = await token({ grant_type: 'client_credentials' }, `nobody:${secret}`);
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ error: 'invalid_client' });
    const badSecret = await token({ grant_type: 'client_credentials' }, `${clientId}:not-the-secret`);
    expect(badSecret.status).toBe(401);
    expect(await badSecret.json()).toMatchObject({ error: 'invalid_client' });
    const password = await token({ grant_type: 'password', username: 'xiaoming', password: PASSWORD });
    expect(await password.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const oversize = await token({ grant_type: 'client_credentials', scope: 'profile '.repeat(20_000) });
    expect(oversize.status).toBeGreaterThanOrEqual(400);
    expect(oversize.status).toBeLessThan(500);
    const malformed = await fetch(config.serverMetadata().token_endpoint!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"grant_type":',
    });
    expect(malformed.status).toBeGreaterThanOrEqual(400);
    expect(malformed.status).toBeLessThan(500);
  });
});
