import { html } from './html';
import { type FieldErrors, field, layout } from './page-layout';
import { type PortalLanguage, portalText } from './portal-text';
import { recoveryLinks } from './recovery-pages';

export interface ActivationForm {
  code?: string;
  username?: string;
  mobile?: string;
}

export function activationPage(lang: PortalLanguage, form: ActivationForm, errors: FieldErrors): string {
  const t = (k: string) => portalText(lang, k);
  const hasErrors = Object.keys(errors).length > 0;
  const body = html`<h1>${t('activateTitle')}</h1>
    <p>${t('activateIntro')}</p>
    ${hasErrors ? html`<p class="summary" role="alert">${t('errors')}</p>` : ''}
    <form method="post" action="/activate?lang=${lang}" novalidate>
      ${field(lang, 'code', 'text', form.code ?? '', errors, { hint: 'codeHint', autocomplete: 'one-time-code', required: true })}
      ${field(lang, 'username', 'text', form.username ?? '', errors, { hint: 'usernameHint', autocomplete: 'username', required: true })}
      ${field(lang, 'password', 'password', '', errors, { hint: 'passwordHint', autocomplete: 'new-password', required: true })}
      ${field(lang, 'password2', 'password', '', errors, { autocomplete: 'new-password', required: true })}
      ${field(lang, 'mobile', 'tel', form.mobile ?? '', errors, { hint: 'mobileHint', autocomplete: 'tel', required: false })}
      <button type="submit">${t('submit')}</button>
    </form>
    ${recoveryLinks(lang)}`;
  return layout(lang, t('activateTitle'), body, `/activate?lang=${lang === 'en' ? 'zh-CN' : 'en'}`);
}

export function activatedPage(lang: PortalLanguage, username: string, readyAt: string): string {
  const t = (k: string, p?: Record<string, string>) => portalText(lang, k, p);
  const body = html`<h1>${t('doneTitle')}</h1><p role="status" data-testid="activated">${t('done', { username, readyAt })}</p>`;
  return layout(lang, t('doneTitle'), body, `/activate?lang=${lang === 'en' ? 'zh-CN' : 'en'}`);
}

export function messagePage(lang: PortalLanguage, title: string, message: string): string {
  return layout(lang, title, html`<h1>${title}</h1><p role="alert">${message}</p>`, `/activate?lang=${lang === 'en' ? 'zh-CN' : 'en'}`);
}
