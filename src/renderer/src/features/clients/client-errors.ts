import type { FieldIssue } from '../../../../shared/errors';
import { DeskCallError } from '../../api/client';
import { type DescribedErrors, HANDLED_GLOBALLY, type I18n, useDescribedErrors } from '../../components/use-form-errors';
import { describeError, describeField } from '../../i18n/describe-error';

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

interface Described extends DescribedErrors {
  /** Per list field: the message of each entry, by its index in what was sent. */
  entries: Record<string, Map<number, string>>;
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
 * list fields (`redirectUris.2`), and one for the form.
 */
export function useClientFormErrors(paths: readonly string[]) {
  const { described, isManual, ...errors } = useDescribedErrors(paths, describe);
  return {
    ...errors,
    entryErrors: (path: string): Map<number, string> => (isManual(path) ? NO_ENTRIES : (described.entries[path] ?? NO_ENTRIES)),
  };
}
