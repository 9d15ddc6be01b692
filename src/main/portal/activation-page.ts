import { type PortalLanguage, portalText } from './portal-text';
import { type SafeHtml, html } from './html';
import { recoveryLinks } from './recovery-pages';

export interface ActivationForm {
  code?: string;
  username?: string;
  mobile?: string;
}

export type FieldErrors = Record<string, string>;

export function field(
  lang: PortalLanguage,
  name: string,
  type: string,
  value: string,
  errors: FieldErrors,
  options: { hint?: string; autocomplete: string; required: boolean },
): SafeHtml {
  const t = (k: string) => portalText(lang, k);
  const error = errors[name];
  const describedBy = [options.hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${error ? ' invalid' : ''}">
    <label for="${name}">${t(name)}</label>
    <input id="${name}" name="${name}" type="${type}" value="${value}" autocomplete="${options.autocomplete}"
      ${options.required ? html`required` : ''} ${describedBy ? html`aria-describedby="${describedBy}"` : ''}
      ${error ? html`aria-invalid="true"` : ''} />
    ${options.hint ? html`<p class="hint" id="${name}-hint">${t(options.hint)}</p>` : ''}
    ${error ? html`<p class="error" id="${name}-error" role="alert">${error}</p>` : ''}
  </div>`;
}

export function layout(lang: PortalLanguage, title: string, body: SafeHtml, switchHref: string): string {
  const t = (k: string) => portalText(lang, k);
  return `<!doctype html>${html`<html lang="${lang}">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>${title} · ${t('product')}</title>
  <link rel="stylesheet" href="/portal.css" />
</head>
<body>
  <header><span class="brand">${t('product')}</span><a class="lang" href="${switchHref}">${t('switchTo')}</a></header>
  <main>${body}</main>
</body>
</html>`.value}`;
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
