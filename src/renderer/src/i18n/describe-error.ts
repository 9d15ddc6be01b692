import type { FieldIssue } from '../../../shared/errors';
import { DeskCallError } from '../api/client';
import { formatDateTime } from './format';
import type { Params, useI18n } from './index';

type I18n = Pick<ReturnType<typeof useI18n>, 't' | 'tDynamic'>;

function errorParams(err: DeskCallError, i18n: I18n): Params {
  const params: Params = { ...err.params };
  if (typeof params.until === 'string') params.until = formatDateTime(params.until, false);
  if (typeof params.permission === 'string') {
    params.permission = i18n.tDynamic(`permission.${params.permission}`, params.permission);
  }
  if (typeof params.stage === 'string') params.stage = i18n.tDynamic(`stage.${params.stage}`, params.stage);
  for (const key of ['from', 'to'] as const) {
    if (typeof params[key] === 'string') params[key] = i18n.tDynamic(`accounts.status.${params[key]}`, String(params[key]));
  }
  return params;
}

/**
 * Why a CONFLICT happened, when the desk says: `params.reason` (account_exists, revoked,
 * not_locked) or a field reason that is the whole story (transition).
 */
export function conflictReason(err: DeskCallError): string | null {
  if (err.code !== 'CONFLICT') return null;
  if (typeof err.params.reason === 'string') return err.params.reason;
  return err.fields.find((f) => f.reason === 'transition')?.reason ?? null;
}

/** One sentence for an error, in the console's language. */
export function describeError(err: unknown, i18n: I18n): string {
  if (!(err instanceof DeskCallError)) return i18n.t('error.unexpected');
  const params = errorParams(err, i18n);
  if (err.code === 'STAFF_LOCKED' && params.until) return i18n.t('error.STAFF_LOCKED.until', params);
  if (err.code === 'FORBIDDEN' && params.permission) return i18n.t('error.FORBIDDEN.permission', params);
  const conflict = conflictReason(err);
  if (conflict) return i18n.tDynamic(`error.CONFLICT.${conflict}`, i18n.t('error.CONFLICT'), params);
  const general = i18n.tDynamic(`error.${err.code}`, err.message, params);
  return typeof err.params.reason === 'string' ? i18n.tDynamic(`error.${err.code}.${err.params.reason}`, general, params) : general;
}

/** A field issue's reason (zod code or domain reason), translated; the server's English text otherwise. */
export function describeField(issue: FieldIssue, i18n: I18n): string {
  const params: Params = { ...issue.params };
  const specific = `reason.${issue.path}.${issue.reason}`;
  return i18n.tDynamic(specific, i18n.tDynamic(`reason.${issue.reason}`, issue.message, params), params);
}
