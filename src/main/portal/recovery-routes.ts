import type http from 'node:http';
import { DeskError } from '../../shared/errors';
import { DOCUMENT_TYPES, type DocumentType } from '../../shared/identity/documents';
import { PasswordQueueFull, type PasswordWorkQueue } from '../crypto/hash-queue';
import type { Desk } from '../desk';
import type { RecoveryPurpose } from '../recovery/recovery-codes';
import { recoveryDeps, requestSelfReset, requestUsernameReminder, resetWithCode } from '../recovery/self-service';
import type { FieldErrors } from './page-layout';
import { type PortalLanguage, portalText } from './portal-text';
import { FailureLimiter } from './rate-limit';
import { counterCodePage, passwordChangedPage, requestCodePage, resetWithCodePage, usernamePage } from './recovery-pages';
import { readForm, sendHtml, sendText } from './respond';

/** Requests that send something (a code, a username) from one source: at most this many per window, whatever they match. */
const REQUESTS_PER_SOURCE = 5;
const WINDOW_MS = 15 * 60 * 1000;

export interface RecoveryRouteDeps {
  desk: Desk;
  clock(): Date;
  /** Wrong codes from one source, shared with the activation page. */
  codeLimiter: FailureLimiter;
  /** Where setting a password waits its turn for scrypt. */
  passwords: PasswordWorkQueue;
}

type Page = (errors: FieldErrors, problem?: string) => string;

/**
 * The recovery pages: `/recover` (a code to the bound contact), `/recover/reset` (code and new
 * password), `/recover/counter` (the counter code and new password), `/recover/username`.
 */
export function recoveryRoutes(deps: RecoveryRouteDeps) {
  const recovery = recoveryDeps(deps.desk);
  const requests = new FailureLimiter(REQUESTS_PER_SOURCE, WINDOW_MS);

  function required(form: URLSearchParams, names: string[], lang: PortalLanguage): FieldErrors {
    const errors: FieldErrors = {};
    for (const name of names) if (!(form.get(name) ?? '').trim()) errors[name] = portalText(lang, 'field.required');
    return errors;
  }

  /** Counts the request against the source's limit, or sends the form's page with "too many" and returns null. */
  function reserve(limiter: FailureLimiter, source: string, res: http.ServerResponse, lang: PortalLanguage, render: Page) {
    const attempt = limiter.reserve(source, deps.clock().getTime());
    if (!attempt) sendHtml(res, 429, render({}, portalText(lang, 'tooMany')));
    return attempt;
  }

  async function requestCode(form: URLSearchParams, source: string, res: http.ServerResponse, lang: PortalLanguage) {
    const username = (form.get('username') ?? '').trim();
    const contact = (form.get('contact') ?? '').trim();
    const render: Page = (errors, problem) => requestCodePage(lang, { username, contact, errors, problem });
    const errors = required(form, ['username', 'contact'], lang);
    if (Object.keys(errors).length) return sendHtml(res, 400, render(errors));
    // Every request counts, whatever it matches: the reservation is never released.
    if (!reserve(requests, source, res, lang, render)) return;
    await requestSelfReset(recovery, { username, contact, language: lang }, deps.clock());
    sendHtml(res, 200, resetWithCodePage(lang, { username, errors: {}, sent: true }));
  }

  async function setPassword(purpose: RecoveryPurpose, form: URLSearchParams, source: string, res: http.ServerResponse, lang: PortalLanguage) {
    const codeField = purpose === 'self_reset' ? 'resetCode' : 'counterCode';
    const username = (form.get('username') ?? '').trim();
    const render: Page = (errors, problem) =>
      purpose === 'self_reset'
        ? resetWithCodePage(lang, { username, errors, problem, sent: false })
        : counterCodePage(lang, { username, errors, problem });
    // Counted before the new password is hashed; only a refused code (or something unexpected) stays counted.
    const attempt = reserve(deps.codeLimiter, source, res, lang, render);
    if (!attempt) return;
    let counts = false;
    try {
      const errors = required(form, ['username', codeField, 'password', 'password2'], lang);
      if (!errors.password && !errors.password2 && form.get('password') !== form.get('password2')) {
        errors.password2 = portalText(lang, 'field.password2.mismatch');
      }
      if (Object.keys(errors).length) return sendHtml(res, 400, render(errors));
      const input = { username, code: form.get(codeField)!, password: form.get('password')!, language: lang };
      counts = true;
      try {
        const done = await deps.passwords.run(() => resetWithCode(recovery, purpose, input, deps.clock()));
        counts = false;
        return sendHtml(res, 200, passwordChangedPage(lang, done.username));
      } catch (err) {
        if (err instanceof PasswordQueueFull) {
          counts = false;
          return sendHtml(res, 503, render({}, portalText(lang, 'busy')));
        }
        if (!(err instanceof DeskError) || !err.fields) throw err;
        for (const f of err.fields) {
          const name = f.path === 'code' ? codeField : f.path;
          errors[name] = portalText(lang, `field.${name}.${f.reason}`);
        }
        counts = errors[codeField] !== undefined;
        sendHtml(res, 400, render(errors));
      }
    } finally {
      if (counts) attempt.keep();
      else attempt.release();
    }
  }

  async function remindUsername(form: URLSearchParams, source: string, res: http.ServerResponse, lang: PortalLanguage) {
    const realName = (form.get('realName') ?? '').trim();
    const documentType = form.get('documentType') ?? '';
    const render = (errors: FieldErrors, problem?: string, sent?: boolean) => usernamePage(lang, { realName, documentType, errors, problem, sent });
    const errors = required(form, ['realName', 'documentNumber'], lang);
    if (!DOCUMENT_TYPES.includes(documentType as DocumentType)) errors.documentType = portalText(lang, 'field.required');
    if (Object.keys(errors).length) return sendHtml(res, 400, render(errors));
    // Every request counts, whatever it matches: the reservation is never released.
    if (!reserve(requests, source, res, lang, render)) return;
    await requestUsernameReminder(
      recovery,
      { realName, documentType: documentType as DocumentType, documentNumber: form.get('documentNumber')!, language: lang },
      deps.clock(),
    );
    sendHtml(res, 200, render({}, undefined, true));
  }

  const pages: Record<string, (lang: PortalLanguage, url: URL) => string> = {
    '/recover': (lang) => requestCodePage(lang, { username: '', contact: '', errors: {} }),
    '/recover/reset': (lang, url) => resetWithCodePage(lang, { username: url.searchParams.get('username') ?? '', errors: {}, sent: false }),
    '/recover/counter': (lang) => counterCodePage(lang, { username: '', errors: {} }),
    '/recover/username': (lang) => usernamePage(lang, { realName: '', documentType: 'prc_id', errors: {} }),
  };
  const posts: Record<string, (form: URLSearchParams, source: string, res: http.ServerResponse, lang: PortalLanguage) => Promise<void>> = {
    '/recover': requestCode,
    '/recover/reset': (...args) => setPassword('self_reset', ...args),
    '/recover/counter': (...args) => setPassword('counter_reset', ...args),
    '/recover/username': remindUsername,
  };

  /** Handles the request when it is one of these routes; says whether it did. */
  return async function handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL, lang: PortalLanguage, origin: string) {
    const render = pages[url.pathname];
    const post = posts[url.pathname];
    if (!render || !post) return false;
    if (req.method === 'GET') sendHtml(res, 200, render(lang, url));
    else if (req.method !== 'POST') sendText(res, 405, 'Method not allowed');
    else if (req.headers.origin !== origin) sendText(res, 403, 'Forbidden');
    else {
      const form = await readForm(req);
      if (!form) sendText(res, 413, 'Payload too large');
      else await post(form, req.socket.remoteAddress ?? 'unknown', res, lang);
    }
    return true;
  };
}
