import { Textarea } from '@mantine/core';
import { useI18n } from '../../i18n';

const URI_PLACEHOLDER = 'https://app.example.edu.cn/oauth/callback';
/** The error is a <p>: one line per message without block elements inside it. */
const BLOCK = { display: 'block' } as const;

/** The entries of a one-per-line text, with the line each came from (1-based); blank lines are skipped. */
export function toLines(text: string): { entries: string[]; lines: number[] } {
  const entries: string[] = [];
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const entry = raw.trim();
    if (!entry) return;
    entries.push(entry);
    lines.push(i + 1);
  });
  return { entries, lines };
}

/** One entry per line (redirect URIs, dates); the desk's objection to each entry is shown against its line. */
export function LinesInput(props: {
  label: string;
  description: string;
  value: string;
  onChange: (value: string) => void;
  /** By index among the non-blank lines, as they were sent. */
  entryErrors: Map<number, string>;
  fieldError?: string;
  testId: string;
  placeholder?: string;
  required?: boolean;
  readOnly?: boolean;
}) {
  const { t } = useI18n();
  const { lines } = toLines(props.value);
  const perLine = [...props.entryErrors].sort(([a], [b]) => a - b);
  const hasError = Boolean(props.fieldError) || perLine.length > 0;
  return (
    <Textarea
      label={props.label}
      description={props.description}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={
        hasError ? (
          <>
            {props.fieldError && <span style={BLOCK}>{props.fieldError}</span>}
            {perLine.map(([index, message]) => (
              <span key={index} style={BLOCK} data-testid={`${props.testId}-line-error`}>
                {t('clients.form.lineError', { line: lines[index] ?? index + 1, message })}
              </span>
            ))}
          </>
        ) : undefined
      }
      placeholder={props.placeholder ?? URI_PLACEHOLDER}
      readOnly={props.readOnly}
      autosize
      minRows={2}
      maxRows={6}
      spellCheck={false}
      autoComplete="off"
      classNames={{ input: 'mono' }}
      required={props.required}
      data-testid={props.testId}
    />
  );
}
