import type { Scope } from '../../shared/oauth/scopes';
import { type FieldErrors, field, layout } from '../portal/page-layout';
import { type SafeHtml, html, raw } from '../portal/html';
import type { PortalLanguage } from '../portal/portal-text';
import { recoveryLinks } from '../portal/recovery-pages';
import { type SignInKey, signInText } from './sign-in-text';

const other = (lang: PortalLanguage): PortalLanguage => (lang === 'en' ? 'zh-CN' : 'en');

function page(lang: PortalLanguage, title: SignInKey, body: SafeHtml, switchHref: string): string {
  return layout(lang, signInText(lang, title), body, switchHref);
}

function appBox(clientName: string, note?: string) {
  return html`<div class="app"><strong data-testid="client-name">${clientName}</strong>${note ? html`<small>${note}</small>` : ''}</div>`;
}

export interface SignInView {
  uid: string;
  clientName: string;
  username: string;
  errors: FieldErrors;
  /** A message about the whole attempt (wrong credentials, lock). */
  problem?: string;
}

export function signInPage(lang: PortalLanguage, view: SignInView): string {
  const t = (k: SignInKey) => signInText(lang, k);
  const body = html`<h1>${t('signInTitle')}</h1>
    <p>${t('signInFor')}</p>
    ${appBox(view.clientName)}
    ${view.problem ? html`<p class="summary" role="alert" data-testid="sign-in-problem">${view.problem}</p>` : ''}
    <form method="post" action="/interaction/${view.uid}/login?lang=${lang}" novalidate>
      ${field(lang, 'username', 'text', view.username, view.errors, { autocomplete: 'username', required: true })}
      ${field(lang, 'password', 'password', '', view.errors, { autocomplete: 'current-password', required: true })}
      <button type="submit">${t('submit')}</button>
    </form>
    ${recoveryLinks(lang)}`;
  return page(lang, 'signInTitle', body, `/interaction/${view.uid}?lang=${other(lang)}`);
}

export interface ConsentView {
  uid: string;
  clientName: string;
  username: string;
  scopes: Scope[];
}

export function consentPage(lang: PortalLanguage, view: ConsentView): string {
  const t = (k: SignInKey, p?: Record<string, string>) => signInText(lang, k, p);
  const items = view.scopes.map((s) => html`<li>${t(`scope.${s}`)}</li>`);
  const body = html`<h1>${t('consentTitle')}</h1>
    ${appBox(view.clientName, t('signedInAs', { username: view.username }))}
    <p>${t('consentIntro', { app: view.clientName })}</p>
    <ul class="scopes" data-testid="consent-scopes">${items}</ul>
    <form method="post" action="/interaction/${view.uid}/confirm?lang=${lang}">
      <button type="submit" data-testid="consent-allow">${t('consentAllow')}</button>
    </form>
    <form method="post" action="/interaction/${view.uid}/abort?lang=${lang}">
      <button type="submit" class="secondary">${t('consentDeny')}</button>
    </form>`;
  return page(lang, 'consentTitle', body, `/interaction/${view.uid}?lang=${other(lang)}`);
}

/** oidc-provider hands over its own form (with its CSRF token); we only add our words and the buttons that submit it. */
export function logoutPage(lang: PortalLanguage, providerForm: string): string {
  const t = (k: SignInKey) => signInText(lang, k);
  const body = html`<h1>${t('logoutTitle')}</h1>
    <p>${t('logoutQuestion')}</p>
    ${raw(providerForm)}
    <button type="submit" form="op.logoutForm" name="logout" value="yes" data-testid="logout-yes">${t('logoutYes')}</button>
    <button type="submit" form="op.logoutForm" class="secondary">${t('logoutNo')}</button>`;
  return page(lang, 'logoutTitle', body, `?lang=${other(lang)}`);
}

export function loggedOutPage(lang: PortalLanguage): string {
  const t = (k: SignInKey) => signInText(lang, k);
  return page(lang, 'loggedOutTitle', html`<h1>${t('loggedOutTitle')}</h1><p role="status">${t('loggedOut')}</p>`, `?lang=${other(lang)}`);
}

export function errorPage(lang: PortalLanguage, code: string, expired: boolean): string {
  const t = (k: SignInKey, p?: Record<string, string>) => signInText(lang, k, p);
  const body = expired
    ? html`<h1>${t('expiredTitle')}</h1><p role="alert">${t('expired')}</p>`
    : html`<h1>${t('errorTitle')}</h1><p role="alert">${t('errorIntro')}</p><p class="note" data-testid="error-code">${t('errorCode', { code })}</p>`;
  return page(lang, expired ? 'expiredTitle' : 'errorTitle', body, `?lang=${other(lang)}`);
}

export function codeSignInPage(lang: PortalLanguage, view: { username: string; errors: FieldErrors; problem?: string }): string {
  const t = (k: SignInKey) => signInText(lang, k);
  const body = html`<h1>${t('codeTitle')}</h1>
    <p>${t('codeSignIn')}</p>
    ${view.problem ? html`<p class="summary" role="alert" data-testid="sign-in-problem">${view.problem}</p>` : ''}
    <form method="post" action="/code/sign-in?lang=${lang}" novalidate>
      ${field(lang, 'username', 'text', view.username, view.errors, { autocomplete: 'username', required: true })}
      ${field(lang, 'password', 'password', '', view.errors, { autocomplete: 'current-password', required: true })}
      <button type="submit">${t('submit')}</button>
    </form>`;
  return page(lang, 'codeTitle', body, `/code?lang=${other(lang)}`);
}

/** The QR code is inline SVG markup made by the desk (not an image load), so the pages' CSP needs no data: images. */
export function codePage(lang: PortalLanguage, view: { name: string; username: string; qrSvg: string; validUntil: string; code: string }): string {
  const t = (k: SignInKey, p?: Record<string, string>) => signInText(lang, k, p);
  const body = html`<h1>${t('codeTitle')}</h1>
    ${appBox(t('codeFor', { name: view.name, username: view.username }))}
    <div class="qr" data-testid="identity-qr" data-code="${view.code}">${raw(view.qrSvg)}</div>
    <p class="note" role="status">${t('codeValid', { time: view.validUntil })}</p>
    <form method="post" action="/code/sign-out?lang=${lang}">
      <button type="submit" class="secondary">${t('codeSignOut')}</button>
    </form>`;
  return page(lang, 'codeTitle', body, `/code?lang=${other(lang)}`);
}

export function codeUnavailablePage(lang: PortalLanguage): string {
  const t = (k: SignInKey) => signInText(lang, k);
  return page(lang, 'codeTitle', html`<h1>${t('codeTitle')}</h1><p role="alert">${t('codeUnavailable')}</p>`, `/code?lang=${other(lang)}`);
}
