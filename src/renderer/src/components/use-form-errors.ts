import { useCallback, useState } from 'react';
import { DeskCallError } from '../api/client';
import { describeError, describeField } from '../i18n/describe-error';
import { useI18n } from '../i18n';

/** Codes the session layer handles for every screen (back to sign-in, lock screen). */
const HANDLED_GLOBALLY = new Set(['UNAUTHENTICATED', 'SESSION_LOCKED']);

/**
 * Turns a refused call into messages next to the form's fields (by `fields[].path`), and one
 * message for the form for everything no field claims.
 */
export function useFormErrors(paths: readonly string[]) {
  const i18n = useI18n();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const clear = useCallback(() => {
    setFields({});
    setFormError(null);
  }, []);

  const report = useCallback(
    (err: unknown) => {
      if (err instanceof DeskCallError && HANDLED_GLOBALLY.has(err.code)) return;
      const claimed: Record<string, string> = {};
      const unclaimed: string[] = [];
      if (err instanceof DeskCallError) {
        for (const issue of err.fields) {
          const head = issue.path.split('.')[0] ?? issue.path;
          if (paths.includes(head)) claimed[head] ??= describeField({ ...issue, path: head }, i18n);
          else unclaimed.push(describeField(issue, i18n));
        }
      }
      setFields(claimed);
      const anyClaimed = Object.keys(claimed).length > 0;
      setFormError(anyClaimed && unclaimed.length === 0 ? null : [describeError(err, i18n), ...unclaimed].join(' '));
    },
    [i18n, paths],
  );

  const setFieldError = useCallback((path: string, message: string | null) => {
    setFields((prev) => {
      const next = { ...prev };
      if (message) next[path] = message;
      else delete next[path];
      return next;
    });
  }, []);

  return { fieldError: (path: string) => fields[path], formError, report, clear, setFieldError };
}
