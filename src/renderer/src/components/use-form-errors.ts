import { useCallback, useMemo, useState } from 'react';
import { DeskCallError } from '../api/client';
import { conflictReason, describeError, describeField } from '../i18n/describe-error';
import { useI18n } from '../i18n';

/** Codes the session layer handles for every screen (back to sign-in, lock screen). */
export const HANDLED_GLOBALLY = new Set(['UNAUTHENTICATED', 'SESSION_LOCKED']);

export type I18n = ReturnType<typeof useI18n>;

/** The messages a refused call gives: per field (by the first segment of `fields[].path`), and for the form. */
function describe(err: unknown, paths: readonly string[], i18n: I18n): { fields: Record<string, string>; form: string | null } {
  if (err === null || (err instanceof DeskCallError && HANDLED_GLOBALLY.has(err.code))) return { fields: {}, form: null };
  const claimed: Record<string, string> = {};
  const unclaimed: string[] = [];
  if (err instanceof DeskCallError) {
    // A conflict whose field reason the form-level sentence already tells is not told twice.
    const told = conflictReason(err);
    for (const issue of err.fields) {
      if (issue.reason === told) continue;
      const head = issue.path.split('.')[0] ?? issue.path;
      if (paths.includes(head)) claimed[head] ??= describeField({ ...issue, path: head }, i18n);
      else unclaimed.push(describeField(issue, i18n));
    }
  }
  const anyClaimed = Object.keys(claimed).length > 0;
  return { fields: claimed, form: anyClaimed && unclaimed.length === 0 ? null : [describeError(err, i18n), ...unclaimed].join(' ') };
}

/** What a screen makes of a refused call: per field, and one message for the form. */
export interface DescribedErrors {
  fields: Record<string, string>;
  form: string | null;
}

/**
 * The state behind a form's error messages, with the screen's own way of describing them.
 * The error is kept, not its words, so the messages follow a language switch; `report` and
 * `clear` keep their identity, so that effects listing them do not run (and call the desk)
 * again when the language changes.
 */
export function useDescribedErrors<D extends DescribedErrors>(
  paths: readonly string[],
  describeWith: (err: unknown, paths: readonly string[], i18n: I18n) => D,
) {
  const i18n = useI18n();
  const [error, setError] = useState<unknown>(null);
  /** Messages the form sets itself; null hides what the desk said about that field (it was corrected). */
  const [manual, setManual] = useState<Record<string, string | null>>({});

  const clear = useCallback(() => {
    setError(null);
    setManual({});
  }, []);

  const report = useCallback((err: unknown) => {
    setError(err ?? new Error('unknown'));
    setManual({});
  }, []);

  const setFieldError = useCallback((path: string, message: string | null) => {
    setManual((prev) => ({ ...prev, [path]: message || null }));
  }, []);

  const described = useMemo(() => describeWith(error, paths, i18n), [describeWith, error, paths, i18n]);

  return {
    described,
    /** Whether the form set this field's message itself, hiding what the desk said. */
    isManual: (path: string) => path in manual,
    fieldError: (path: string): string | undefined => (path in manual ? (manual[path] ?? undefined) : described.fields[path]),
    formError: described.form,
    report,
    clear,
    setFieldError,
  };
}

/** Messages next to the form's fields (by the first segment of `fields[].path`), and one for the form for everything no field claims. */
export function useFormErrors(paths: readonly string[]) {
  const { described: _described, isManual: _isManual, ...errors } = useDescribedErrors(paths, describe);
  return errors;
}
