import { TextInput } from '@mantine/core';
import { useI18n } from '../../i18n';

/** Six digits from the authenticator app; anything else is dropped as it is typed. */
export function TotpCodeInput(props: { value: string; onChange: (code: string) => void; error?: string; autoFocus?: boolean }) {
  const { t } = useI18n();
  return (
    <TextInput
      label={t('totp.code')}
      description={t('totp.codeHint')}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
      error={props.error}
      inputMode="numeric"
      autoComplete="one-time-code"
      placeholder="000000"
      maxLength={6}
      autoFocus={props.autoFocus}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 20, letterSpacing: '0.35em' } }}
      data-testid="totp-code"
      required
    />
  );
}
