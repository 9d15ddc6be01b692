import { type SafeHtml, html } from './html';
import { type PortalLanguage, portalText } from './portal-text';

/** What every end-user page is made of: the frame and the form field. */

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
