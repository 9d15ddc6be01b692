import type http from 'node:http';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { PortalLanguage } from '../portal/portal-text';

function pick(asked: string | null | undefined, acceptLanguage: string | undefined): PortalLanguage {
  for (const tag of (asked ?? '').split(/[\s,]+/)) {
    if (/^en\b/i.test(tag)) return 'en';
    if (/^zh\b/i.test(tag)) return 'zh-CN';
  }
  return /^en\b/i.test(acceptLanguage ?? '') ? 'en' : 'zh-CN';
}

/** Remembers a language chosen with a page's switch across the redirects of a sign-in. */
export const LANGUAGE_COOKIE = 'jaccount_lang';

function remembered(cookieHeader: string | undefined): string | null {
  const match = new RegExp(`(?:^|;\\s*)${LANGUAGE_COOKIE}=(en|zh-CN)(?:;|$)`).exec(cookieHeader ?? '');
  return match ? match[1]! : null;
}

/** `?lang=` (our pages' switch) first, then the remembered choice, then the browser's first preference; Chinese otherwise. */
export function requestLanguage(url: URL, req: http.IncomingMessage): PortalLanguage {
  return pick(url.searchParams.get('lang') ?? remembered(req.headers.cookie), req.headers['accept-language']);
}

/** The cookie that remembers an explicit choice, when the request made one. */
export function languageCookie(url: URL): string | null {
  const asked = url.searchParams.get('lang');
  if (asked !== 'en' && asked !== 'zh-CN') return null;
  return `${LANGUAGE_COOKIE}=${asked}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000`;
}

/** In oidc-provider's own pages: `?lang=`, the request's `ui_locales`, then the browser's preference. */
export function contextLanguage(ctx: KoaContextWithOIDC): PortalLanguage {
  const uiLocales = ctx.oidc?.params?.ui_locales;
  const asked = ctx.query?.lang?.toString() ?? remembered(ctx.get('cookie')) ?? (typeof uiLocales === 'string' ? uiLocales : null);
  return pick(asked, ctx.get('accept-language'));
}
