import { useCallback, useMemo, useState } from 'react';
import { DeskCallError } from '../api/client';
import { conflictReason, describeError, describeField } from '../i18n/describe-error';
import { useI18n } from '../i18n';

/** Codes the session layer handles for every screen (back to sign-in, lock screen). */
const HANDLED_GLOBALLY = new Set(['UNAUTHENTICATED', 'SESSION_LOCKED']);

type I18n = ReturnType<typeof useI18n>;

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

/**
 * Turns a refused call into messages next to the form's fields (by `fields[].path`), and one
 * message for the form for everything no field claims. The error is kept, not its words, so
 * the messages follow a language switch; `report` and `clear` keep their identity, so that
 * effects listing them do not run (and call the desk) again when the language changes.
 */
export function useFormErrors(paths: readonly string[]) {
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

  const described = useMemo(() => describe(error, paths, i18n), [error, paths, i18n]);

  return {
    fieldError: (path: string): string | undefined => (path in manual ? (manual[path] ?? undefined) : described.fields[path]),
    formError: described.form,
    report,
    clear,
    setFieldError,
  };
}
