import type http from 'node:http';
import QRCode from 'qrcode';
import type Provider from 'oidc-provider';
import { DeskError } from '../../shared/errors';
import { TOKEN_TTL } from '../../shared/oauth/lifetimes';
import { IDENTITY_CODE_SCOPE } from '../../shared/oauth/scopes';
import type { PasswordWorkQueue } from '../crypto/hash-queue';
import type { Desk } from '../desk';
import { holderSignIn } from '../oidc/holder-sign-in';
import { identityCodeHolder } from '../oidc/identity-code-bearer';
import { codePage, codeSignInPage, codeUnavailablePage } from '../oidc/pages';
import { signInText } from '../oidc/sign-in-text';
import { findCodeHolder, issueCode } from '../verify/code-issuer';
import { readVerifySettings } from '../verify/verify-settings';
import type { FieldErrors } from './page-layout';
import { HolderSessions } from './holder-session';
import type { PortalLanguage } from './portal-text';
import type { FailureLimiter } from './rate-limit';
import { readForm, sendHtml, sendText } from './respond';

/** Renewed this long before the code expires, so a scanner never reads a stale one. */
const RENEW_AHEAD_SECONDS = 5;

export interface IdentityCodeDeps {
  desk: Desk;
  clock(): Date;
  limiter: FailureLimiter;
  passwords: PasswordWorkQueue;
  provider(): Promise<Provider>;
}

/**
 * Identity codes for account holders, from the token service: `/code`, a page that signs the
 * holder in (a session kept on the server) and shows a QR code renewing itself before expiry;
 * and `/code/current`, the same code as JSON for an application holding the holder's opaque
 * access token with the `identity_code` scope, its client enabled and approved for it.
 */
export function identityCodeRoutes(deps: IdentityCodeDeps) {
  const sessions = new HolderSessions(deps.desk.store, TOKEN_TTL.session);

  async function issueFor(username: string) {
    const now = deps.clock();
    const holder = await findCodeHolder(deps.desk.store.reads, username);
    const { codeTtlSeconds } = await readVerifySettings(deps.desk.store.reads);
    return issueCode(deps.desk.keys, holder, now, codeTtlSeconds);
  }

  async function showCode(res: http.ServerResponse, lang: PortalLanguage, username: string) {
    let issued;
    try {
      issued = await issueFor(username);
    } catch (err) {
      if (err instanceof DeskError) return sendHtml(res, 403, codeUnavailablePage(lang));
      throw err;
    }
    const qrSvg = await QRCode.toString(issued.code, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
    const validUntil = new Date(issued.expiresAt).toLocaleTimeString(lang, { timeZone: 'Asia/Shanghai' });
    const seconds = Math.max(1, Math.round((Date.parse(issued.expiresAt) - deps.clock().getTime()) / 1000) - RENEW_AHEAD_SECONDS);
    res.setHeader('Refresh', String(seconds));
    sendHtml(res, 200, codePage(lang, { name: issued.name, username: issued.username, qrSvg, validUntil, code: issued.code }));
  }

  async function signIn(req: http.IncomingMessage, res: http.ServerResponse, lang: PortalLanguage) {
    const form = await readForm(req);
    if (!form) return sendText(res, 413, 'Payload too large');
    const username = (form.get('username') ?? '').trim();
    const password = form.get('password') ?? '';
    const errors: FieldErrors = {};
    if (!username) errors.username = signInText(lang, 'required');
    if (!password) errors.password = signInText(lang, 'required');
    if (Object.keys(errors).length) return sendHtml(res, 400, codeSignInPage(lang, { username, errors }));
    const now = deps.clock();
    const result = await holderSignIn(
      { store: deps.desk.store, passwordHasher: deps.desk.passwordHasher, limiter: deps.limiter, passwords: deps.passwords },
      { username, password, sourceAddress: req.socket.remoteAddress ?? 'unknown', via: 'identity-code-page' },
      now,
      lang,
    );
    if (result.problem !== null) return sendHtml(res, result.status, codeSignInPage(lang, { username, errors: {}, problem: result.problem }));
    const cookie = await sessions.start(
      result.account,
      { sourceAddress: req.socket.remoteAddress ?? 'unknown', userAgent: req.headers['user-agent'] },
      req.headers.cookie,
      now,
    );
    // The account changed between the password check and now (a reset, a suspension): no session.
    if (!cookie) return sendHtml(res, 401, codeSignInPage(lang, { username, errors: {}, problem: signInText(lang, 'notUsable') }));
    res.writeHead(303, { Location: `/code?lang=${lang}`, 'Set-Cookie': cookie, 'Cache-Control': 'no-store' });
    res.end();
  }

  async function signOut(req: http.IncomingMessage, res: http.ServerResponse, lang: PortalLanguage) {
    await sessions.end(req.headers.cookie, 'signed_out', deps.clock());
    res.writeHead(303, { Location: `/code?lang=${lang}`, 'Set-Cookie': HolderSessions.cleared(), 'Cache-Control': 'no-store' });
    res.end();
  }

  async function current(req: http.IncomingMessage, res: http.ServerResponse) {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
      res.end(JSON.stringify(body));
    };
    const verdict = await identityCodeHolder(await deps.provider(), req.headers.authorization);
    if (!verdict.ok) {
      const scope = verdict.error === 'insufficient_scope' ? `, scope="${IDENTITY_CODE_SCOPE}"` : '';
      res.setHeader('WWW-Authenticate', `Bearer error="${verdict.error}"${scope}`);
      return json(verdict.status, { error: verdict.error });
    }
    try {
      const issued = await issueFor(verdict.accountId);
      return json(200, { code: issued.code, expires_at: issued.expiresAt, kid: issued.kid });
    } catch (err) {
      if (err instanceof DeskError) return json(403, { error: 'account_not_active' });
      throw err;
    }
  }

  /** Handles the request when it is one of these routes; says whether it did. */
  return async function handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL, lang: PortalLanguage, origin: string) {
    if (url.pathname === '/code/current' && req.method === 'GET') await current(req, res);
    else if (url.pathname === '/code' && req.method === 'GET') {
      const holder = await sessions.holder(req.headers.cookie, deps.clock());
      if (holder) await showCode(res, lang, holder.username);
      else sendHtml(res, 200, codeSignInPage(lang, { username: '', errors: {} }));
    } else if ((url.pathname === '/code/sign-in' || url.pathname === '/code/sign-out') && req.method === 'POST') {
      if (req.headers.origin !== origin) sendText(res, 403, 'Forbidden');
      else if (url.pathname === '/code/sign-in') await signIn(req, res, lang);
      else await signOut(req, res, lang);
    } else return false;
    return true;
  };
}
