import type http from 'node:http';
import type Provider from 'oidc-provider';
import type { Interaction } from 'oidc-provider';
import type { PasswordWorkQueue } from '../crypto/hash-queue';
import type { PasswordHasher } from '../crypto/password-hash';
import { type Scope, SCOPES } from '../../shared/oauth/scopes';
import type { FieldErrors } from '../portal/page-layout';
import type { PortalLanguage } from '../portal/portal-text';
import type { FailureLimiter } from '../portal/rate-limit';
import { readForm, sendHtml, sendText } from '../portal/respond';
import { holderSignIn } from './holder-sign-in';
import { consentPage, errorPage, signInPage } from './pages';
import { LANGUAGE_COOKIE, requestLanguage } from './request-language';
import { signInText } from './sign-in-text';
import type { Store } from '../repositories';

export interface InteractionDeps {
  provider(): Promise<Provider>;
  store: Store;
  passwordHasher: PasswordHasher;
  clock(): Date;
  limiter: FailureLimiter;
  passwords: PasswordWorkQueue;
}

interface Request {
  /** The interaction this request continues, or null when it is unknown or expired. */
  interaction: Interaction | null;
  req: http.IncomingMessage;
  res: http.ServerResponse;
  lang: PortalLanguage;
  origin: string;
  uid: string;
  action: string | undefined;
}

const ROUTE = /^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?$/;

/**
 * The token service's interaction pages: jAccount sign-in and consent. Every password check
 * goes through the registry's atomic counter, so the desk's login diagnosis sees each attempt.
 */
export function interactionHandler(deps: InteractionDeps) {
  async function details(provider: Provider, r: Request) {
    try {
      const interaction = await provider.interactionDetails(r.req, r.res);
      return interaction.uid === r.uid ? interaction : null;
    } catch {
      return null;
    }
  }

  async function clientName(provider: Provider, clientId: unknown): Promise<string> {
    const client = typeof clientId === 'string' ? await provider.Client.find(clientId) : undefined;
    return client?.clientName ?? String(clientId);
  }

  async function show(provider: Provider, r: Request) {
    const { interaction } = r;
    if (!interaction) return sendHtml(r.res, 400, errorPage(r.lang, 'interaction_expired', true));
    const name = await clientName(provider, interaction.params.client_id);
    if (interaction.prompt.name === 'login') {
      const hint = typeof interaction.params.login_hint === 'string' ? interaction.params.login_hint : '';
      return sendHtml(r.res, 200, signInPage(r.lang, { uid: r.uid, clientName: name, username: hint, errors: {} }));
    }
    // Only the scopes the service knows: oidc-provider passes others through, and they grant nothing.
    const scopes = String(interaction.params.scope ?? '')
      .split(' ')
      .filter((s): s is Scope => s !== 'openid' && (SCOPES as readonly string[]).includes(s));
    return sendHtml(
      r.res,
      200,
      consentPage(r.lang, { uid: r.uid, clientName: name, username: interaction.session?.accountId ?? '', scopes: ['openid', ...scopes] }),
    );
  }

  async function login(provider: Provider, r: Request) {
    const { interaction } = r;
    if (!interaction || interaction.prompt.name !== 'login') return sendHtml(r.res, 400, errorPage(r.lang, 'interaction_expired', true));
    const name = await clientName(provider, interaction.params.client_id);
    const form = await readForm(r.req);
    if (!form) return sendText(r.res, 413, 'Payload too large');
    const username = (form.get('username') ?? '').trim();
    const password = form.get('password') ?? '';
    const errors: FieldErrors = {};
    if (!username) errors.username = signInText(r.lang, 'required');
    if (!password) errors.password = signInText(r.lang, 'required');
    const again = (status: number, problem?: string) =>
      sendHtml(r.res, status, signInPage(r.lang, { uid: r.uid, clientName: name, username, errors, problem }));
    if (Object.keys(errors).length) return again(400);

    const result = await holderSignIn(
      deps,
      { username, password, sourceAddress: r.req.socket.remoteAddress ?? 'unknown', via: `token-service:${String(interaction.params.client_id)}` },
      deps.clock(),
      r.lang,
    );
    if (result.problem !== null) return again(result.status, result.problem);
    return provider.interactionFinished(r.req, r.res, { login: { accountId: result.username } }, { mergeWithLastSubmission: false });
  }

  async function confirm(provider: Provider, r: Request) {
    const { interaction } = r;
    if (!interaction || interaction.prompt.name !== 'consent' || !interaction.session) {
      return sendHtml(r.res, 400, errorPage(r.lang, 'interaction_expired', true));
    }
    const { details: missing } = interaction.prompt;
    const grant = interaction.grantId
      ? await provider.Grant.find(interaction.grantId)
      : new provider.Grant({ accountId: interaction.session.accountId, clientId: String(interaction.params.client_id) });
    if (!grant) return sendHtml(r.res, 400, errorPage(r.lang, 'interaction_expired', true));
    const scopes = missing.missingOIDCScope as string[] | undefined;
    const claims = missing.missingOIDCClaims as string[] | undefined;
    const resources = missing.missingResourceScopes as Record<string, string[]> | undefined;
    if (scopes) grant.addOIDCScope(scopes.join(' '));
    if (claims) grant.addOIDCClaims(claims);
    for (const [indicator, list] of Object.entries(resources ?? {})) grant.addResourceScope(indicator, list.join(' '));
    const grantId = await grant.save();
    return provider.interactionFinished(r.req, r.res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  async function abort(provider: Provider, r: Request) {
    if (!r.interaction) return sendHtml(r.res, 400, errorPage(r.lang, 'interaction_expired', true));
    return provider.interactionFinished(
      r.req,
      r.res,
      { error: 'access_denied', error_description: 'The jAccount holder denied the request.' },
      { mergeWithLastSubmission: false },
    );
  }

  /** Handles the request when it is an interaction route; says whether it did. */
  return async function handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    lang: PortalLanguage,
    origin: string,
  ): Promise<boolean> {
    const match = ROUTE.exec(url.pathname);
    if (!match) return false;
    const provider = await deps.provider();
    const r: Request = { interaction: null, req, res, lang, origin, uid: match[1]!, action: match[2] };
    r.interaction = await details(provider, r);
    if (!url.searchParams.has('lang') && !(req.headers.cookie ?? '').includes(`${LANGUAGE_COOKIE}=`)) {
      const uiLocales = r.interaction?.params.ui_locales;
      if (typeof uiLocales === 'string') r.lang = requestLanguage(new URL(`?lang=${uiLocales.split(' ')[0]}`, origin), req);
    }
    if (req.method === 'GET' && !r.action) await show(provider, r);
    else if (req.method === 'POST' && r.action) {
      if (req.headers.origin !== origin) sendText(res, 403, 'Forbidden');
      else if (r.action === 'login') await login(provider, r);
      else if (r.action === 'confirm') await confirm(provider, r);
      else await abort(provider, r);
    } else sendText(res, 405, 'Method not allowed');
    return true;
  };
}
