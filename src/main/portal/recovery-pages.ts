import { DOCUMENT_TYPES } from '../../shared/identity/documents';
import { type FieldErrors, field, layout } from './page-layout';
import { type SafeHtml, html } from './html';
import { type PortalLanguage, portalText } from './portal-text';

/*
 * The recovery pages: forgot password (request a code, then set the password with it), forgot
 * username, and setting a password with a counter code. Server-rendered like /activate.
 */

const other = (lang: PortalLanguage): PortalLanguage => (lang === 'en' ? 'zh-CN' : 'en');

function page(lang: PortalLanguage, path: string, title: string, body: SafeHtml): string {
  return layout(lang, title, body, `${path}?lang=${other(lang)}`);
}

function summary(lang: PortalLanguage, errors: FieldErrors, problem?: string) {
  if (problem) return html`<p class="summary" role="alert" data-testid="recover-problem">${problem}</p>`;
  return Object.keys(errors).length ? html`<p class="summary" role="alert">${portalText(lang, 'errors')}</p>` : '';
}

/** The way on to the other recovery pages, at the foot of each end-user form. */
export function recoveryLinks(lang: PortalLanguage, leaveOut = ''): SafeHtml {
  const t = (k: string) => portalText(lang, k);
  const links = [
    ['/recover', 'forgotPassword'],
    ['/recover/username', 'forgotUsername'],
    ['/recover/counter', 'haveCounterCode'],
  ].filter(([path]) => path !== leaveOut);
  return html`<p class="note" data-testid="recovery-links">${links.map(
    ([path, key], i) => html`${i ? ' · ' : ''}<a href="${path}?lang=${lang}">${t(key!)}</a>`,
  )}</p>`;
}

export interface PasswordForm {
  username: string;
  errors: FieldErrors;
  problem?: string;
}

function passwordFields(lang: PortalLanguage, errors: FieldErrors) {
  return html`${field(lang, 'password', 'password', '', errors, { hint: 'passwordHint', autocomplete: 'new-password', required: true })}
    ${field(lang, 'password2', 'password', '', errors, { autocomplete: 'new-password', required: true })}`;
}

export function requestCodePage(lang: PortalLanguage, form: PasswordForm & { contact: string }): string {
  const t = (k: string) => portalText(lang, k);
  const body = html`<h1>${t('recoverTitle')}</h1>
    <p>${t('recoverIntro')}</p>
    ${summary(lang, form.errors, form.problem)}
    <form method="post" action="/recover?lang=${lang}" novalidate>
      ${field(lang, 'username', 'text', form.username, form.errors, { autocomplete: 'username', required: true })}
      ${field(lang, 'contact', 'text', form.contact, form.errors, { hint: 'contactHint', autocomplete: 'off', required: true })}
      <button type="submit">${t('recoverSubmit')}</button>
    </form>
    ${recoveryLinks(lang, '/recover')}`;
  return page(lang, '/recover', t('recoverTitle'), body);
}

/** Step 2; `sent` shows the neutral answer to step 1 above the form. */
export function resetWithCodePage(lang: PortalLanguage, form: PasswordForm & { sent: boolean }): string {
  const t = (k: string) => portalText(lang, k);
  const body = html`<h1>${t('resetTitle')}</h1>
    ${form.sent ? html`<p class="app" role="status" data-testid="recover-sent">${t('recoverSent')}</p>` : ''}
    <p>${t('resetIntro')}</p>
    ${summary(lang, form.errors, form.problem)}
    <form method="post" action="/recover/reset?lang=${lang}" novalidate>
      ${field(lang, 'username', 'text', form.username, form.errors, { autocomplete: 'username', required: true })}
      ${field(lang, 'resetCode', 'text', '', form.errors, { hint: 'resetCodeHint', autocomplete: 'one-time-code', required: true })}
      ${passwordFields(lang, form.errors)}
      <button type="submit">${t('resetSubmit')}</button>
    </form>
    <p class="note"><a href="/recover?lang=${lang}">${t('requestAgain')}</a></p>`;
  return page(lang, '/recover/reset', t('resetTitle'), body);
}

export function counterCodePage(lang: PortalLanguage, form: PasswordForm): string {
  const t = (k: string) => portalText(lang, k);
  const body = html`<h1>${t('counterTitle')}</h1>
    <p>${t('counterIntro')}</p>
    ${summary(lang, form.errors, form.problem)}
    <form method="post" action="/recover/counter?lang=${lang}" novalidate>
      ${field(lang, 'username', 'text', form.username, form.errors, { autocomplete: 'username', required: true })}
      ${field(lang, 'counterCode', 'text', '', form.errors, { hint: 'counterCodeHint', autocomplete: 'one-time-code', required: true })}
      ${passwordFields(lang, form.errors)}
      <button type="submit">${t('resetSubmit')}</button>
    </form>
    ${recoveryLinks(lang, '/recover/counter')}`;
  return page(lang, '/recover/counter', t('counterTitle'), body);
}

export function passwordChangedPage(lang: PortalLanguage, username: string): string {
  const t = (k: string, p?: Record<string, string>) => portalText(lang, k, p);
  const body = html`<h1>${t('resetDoneTitle')}</h1><p role="status" data-testid="password-changed">${t('resetDone', { username })}</p>`;
  return page(lang, '/recover', t('resetDoneTitle'), body);
}

export interface UsernameForm {
  realName: string;
  documentType: string;
  errors: FieldErrors;
  problem?: string;
  sent?: boolean;
}

function documentTypeField(lang: PortalLanguage, selected: string) {
  const t = (k: string) => portalText(lang, k);
  const options = DOCUMENT_TYPES.map((type) => html`<option value="${type}" ${type === selected ? html`selected` : ''}>${t(`documentType.${type}`)}</option>`);
  return html`<div class="field"><label for="documentType">${t('documentType')}</label><select id="documentType" name="documentType">${options}</select></div>`;
}

export function usernamePage(lang: PortalLanguage, form: UsernameForm): string {
  const t = (k: string) => portalText(lang, k);
  const body = html`<h1>${t('usernameTitle')}</h1>
    ${form.sent ? html`<p class="app" role="status" data-testid="username-sent">${t('usernameSent')}</p>` : ''}
    <p>${t('usernameIntro')}</p>
    ${summary(lang, form.errors, form.problem)}
    <form method="post" action="/recover/username?lang=${lang}" novalidate>
      ${field(lang, 'realName', 'text', form.realName, form.errors, { autocomplete: 'name', required: true })}
      ${documentTypeField(lang, form.documentType)}
      ${field(lang, 'documentNumber', 'text', '', form.errors, { autocomplete: 'off', required: true })}
      <button type="submit">${t('usernameSubmit')}</button>
    </form>
    ${recoveryLinks(lang, '/recover/username')}`;
  return page(lang, '/recover/username', t('usernameTitle'), body);
}
