import { useCallback, useState } from 'react';
import { DeskCallError } from '../../api/client';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';

/**
 * The form errors of the keys screen: the shared hook, plus the key manager's own reasons
 * (`params.reason` of a refusal, or a field's reason) in the screen's words.
 */
export function useKeyErrors(paths: readonly string[]) {
  const { tDynamic } = useI18n();
  const errors = useFormErrors(paths);
  const [error, setError] = useState<unknown>(null);
  const { report: reportShared, clear: clearShared } = errors;

  const report = useCallback(
    (err: unknown) => {
      setError(err);
      reportShared(err);
    },
    [reportShared],
  );
  const clear = useCallback(() => {
    setError(null);
    clearShared();
  }, [clearShared]);

  let formError = errors.formError;
  const fieldText: Record<string, string> = {};
  if (error instanceof DeskCallError) {
    const reason = error.params.reason;
    if (typeof reason === 'string') {
      const params = { ...error.params };
      if (typeof params.until === 'string') params.until = formatDateTime(params.until, false);
      if (typeof params.from === 'string') params.from = tDynamic(`keys.state.${params.from}`, params.from);
      formError = tDynamic(`keys.error.${reason}`, formError ?? error.message, params);
    }
    for (const issue of error.fields) {
      const head = issue.path.split('.')[0] ?? issue.path;
      const own = tDynamic(`keys.reason.${issue.reason}`, '');
      if (!own) continue;
      if (paths.includes(head)) fieldText[head] = own;
      else formError = own;
    }
  }

  return {
    ...errors,
    formError,
    fieldError: (path: string) => fieldText[path] ?? errors.fieldError(path),
    report,
    clear,
  };
}
