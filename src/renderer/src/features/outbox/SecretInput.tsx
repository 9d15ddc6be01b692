import { Checkbox, PasswordInput, Stack } from '@mantine/core';
import { useI18n } from '../../i18n';

/** A write-only secret: the desk only says whether one is saved; typing replaces it, the box removes it. */
export function SecretInput(props: {
  label: string;
  isSet: boolean;
  value: string;
  remove: boolean;
  error?: string;
  disabled?: boolean;
  testId: string;
  onChange: (value: string) => void;
  onRemove: (remove: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <Stack gap={6}>
      <PasswordInput
        label={props.label}
        placeholder={props.isSet ? t('notify.secret.set') : t('notify.secret.unset')}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        disabled={props.disabled || props.remove}
        error={props.error}
        autoComplete="new-password"
        data-testid={props.testId}
      />
      {props.isSet && (
        <Checkbox
          size="xs"
          label={t('notify.secret.remove')}
          checked={props.remove}
          onChange={(e) => props.onRemove(e.currentTarget.checked)}
          disabled={props.disabled}
          data-testid={`${props.testId}-remove`}
        />
      )}
    </Stack>
  );
}
