import { useCallback, useMemo, useState } from 'react';
import type { FieldIssue } from '../../../../shared/errors';
import { DeskCallError } from '../../api/client';
import { useI18n } from '../../i18n';
import { describeError, describeField } from '../../i18n/describe-error';

type I18n = ReturnType<typeof useI18n>;

/** Codes the session layer handles for every screen (back to sign-in, lock screen). */
const HANDLED_GLOBALLY = new Set(['UNAUTHENTICATED', 'SESSION_LOCKED']);
/** `redirectUris.2`, `holidays.0.date`: an entry of a list field. */
const ENTRY = /^([A-Za-z]+)\.(\d+)(?:\.|$)/;

/** A field issue in the registry's words (`clients.reason.<field>.<reason>`, then `clients.reason.<reason>`), or the desk's. */
export function describeClientField(issue: FieldIssue, i18n: I18n): string {
  const head = issue.path.replace(/\.\d+.*$/, '');
  const params = { ...issue.params };
  const general = i18n.tDynamic(`clients.reason.${issue.reason}`, describeField(issue, i18n), params);
  return i18n.tDynamic(`clients.reason.${head}.${issue.reason}`, general, params);
}

/** One sentence for a refused call; the registry's conflicts (wrong state, deleted client...) by their reason. */
export function describeClientError(err: unknown, i18n: I18n): string {
  if (err instanceof DeskCallError && err.code === 'CONFLICT' && typeof err.params.reason === 'string') {
    const state = typeof err.params.state === 'string' ? i18n.tDynamic(`clients.state.${err.params.state}`, err.params.state) : '';
    return i18n.tDynamic(`clients.conflict.${err.params.reason}`, describeError(err, i18n), { state });
  }
  return describeError(err, i18n);
}

interface Described {
  fields: Record<string, string>;
  /** Per list field: the message of each entry, by its index in what was sent. */
  entries: Record<string, Map<number, string>>;
  form: string | null;
}

function describe(err: unknown, paths: readonly string[], i18n: I18n): Described {
  const out: Described = { fields: {}, entries: {}, form: null };
  if (err === null || (err instanceof DeskCallError && HANDLED_GLOBALLY.has(err.code))) return out;
  const unclaimed: string[] = [];
  if (err instanceof DeskCallError) {
    for (const issue of err.fields) {
      const entry = ENTRY.exec(issue.path);
      if (paths.includes(issue.path)) out.fields[issue.path] ??= describeClientField(issue, i18n);
      else if (entry && paths.includes(entry[1]!)) {
        const list = (out.entries[entry[1]!] ??= new Map());
        if (!list.has(Number(entry[2]))) list.set(Number(entry[2]), describeClientField(issue, i18n));
      } else unclaimed.push(describeClientField(issue, i18n));
    }
  }
  const claimed = Object.keys(out.fields).length + Object.keys(out.entries).length > 0;
  out.form = claimed && unclaimed.length === 0 ? null : [describeClientError(err, i18n), ...unclaimed].join(' ');
  return out;
}

const NO_ENTRIES = new Map<number, string>();

/**
 * The registry's forms: messages next to fields (by full path, `contact.email`), per entry of
 * list fields (`redirectUris.2`), and one for the form. Like useFormErrors, it keeps the error,
 * not its words, so messages follow a language switch.
 */
export function useClientFormErrors(paths: readonly string[]) {
  const i18n = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [manual, setManual] = useState<Record<string, string | null>>({});

  const clear = useCallback(() => {
    setError(null);
    setManual({});
  }, []);
  const report = useCallback((err: unknown) => {
    setError(err ?? new Error('unknown'));
    setManual({});
  }, []);
  /** A message the form sets itself; null hides what the desk said about that field (it was edited). */
  const setFieldError = useCallback((path: string, message: string | null) => {
    setManual((prev) => ({ ...prev, [path]: message }));
  }, []);

  const described = useMemo(() => describe(error, paths, i18n), [error, paths, i18n]);

  return {
    fieldError: (path: string): string | undefined => (path in manual ? (manual[path] ?? undefined) : described.fields[path]),
    entryErrors: (path: string): Map<number, string> => (path in manual ? NO_ENTRIES : (described.entries[path] ?? NO_ENTRIES)),
    formError: described.form,
    report,
    clear,
    setFieldError,
  };
}
