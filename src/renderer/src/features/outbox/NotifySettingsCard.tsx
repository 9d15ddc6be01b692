import { Button, Center, Divider, Grid, Group, Loader, NumberInput, Paper, SegmentedControl, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import type { NotifyOptions, NotifySettingsView } from '../../../../shared/contract/notify';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { SecretInput } from './SecretInput';
import { TestMessageForm } from './TestMessageForm';

type Secret = 'smtpPassword' | 'smsApiKey';
const SECRETS: Secret[] = ['smtpPassword', 'smsApiKey'];
const OPTION_FIELDS: (keyof NotifyOptions)[] = [
  'emailAdapter',
  'smsAdapter',
  'smtpHost',
  'smtpPort',
  'smtpSecurity',
  'smtpUser',
  'smtpFrom',
  'smsUrl',
  'smsBodyTemplate',
  'smsSignature',
  'smsApiKeyHeader',
];
const FIELDS = [...OPTION_FIELDS, ...SECRETS];
const EMAIL_ADAPTERS = ['development', 'smtp'] as const;
const SMS_ADAPTERS = ['development', 'sms-http'] as const;
const NO_SECRETS = { smtpPassword: '', smsApiKey: '' };
const NO_REMOVAL = { smtpPassword: false, smsApiKey: false };

function optionsOf(view: NotifySettingsView): NotifyOptions {
  return Object.fromEntries(OPTION_FIELDS.map((k) => [k, view[k]])) as NotifyOptions;
}

/** One channel (`notify.<channel>` its title): its adapter, and the options of a real adapter (the development one has none) in a grid. */
function ChannelSection<A extends string>(props: { channel: 'email' | 'sms'; adapters: readonly A[]; value: A; onChange: (adapter: A) => void; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <Title order={5}>{t(`notify.${props.channel}`)}</Title>
        <SegmentedControl
          size="xs"
          value={props.value}
          onChange={(v) => props.onChange(v as A)}
          data={props.adapters.map((a) => ({ value: a, label: t(`notify.adapter.${a as 'development'}`) }))}
          data-testid={`notify-${props.channel}-adapter`}
        />
      </Group>
      {props.value === 'development' ? (
        <Text fz="sm" c="dimmed">
          {t('notify.devHint')}
        </Text>
      ) : (
        <Grid gap="sm">{props.children}</Grid>
      )}
    </Stack>
  );
}

/** The notification settings of the Settings screen: adapters per channel, their options, write-only secrets, a test message. */
export function NotifySettingsCard() {
  const { t } = useI18n();
  const [saved, setSaved] = useState<NotifySettingsView | null>(null);
  const [form, setForm] = useState<NotifyOptions | null>(null);
  const [secrets, setSecrets] = useState(NO_SECRETS);
  const [remove, setRemove] = useState(NO_REMOVAL);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);
  const { report } = errors;

  function show(view: NotifySettingsView) {
    setSaved(view);
    setForm(optionsOf(view));
    setSecrets(NO_SECRETS);
    setRemove(NO_REMOVAL);
  }

  useEffect(() => {
    call('notify.settings.get', {}).then(show, report);
  }, [report]);

  /** A changed field no longer shows what the desk said about its old value. */
  const set = <K extends keyof NotifyOptions>(key: K, value: NotifyOptions[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    if (errors.fieldError(key)) errors.setFieldError(key, null);
  };
  const text = (key: keyof NotifyOptions, label: string, extra: { description?: string; placeholder?: string; required?: boolean } = {}) => (
    <TextInput
      label={label}
      value={String(form?.[key] ?? '')}
      onChange={(e) => set(key, e.currentTarget.value as never)}
      error={errors.fieldError(key)}
      data-testid={`notify-${key}`}
      {...extra}
    />
  );
  const secret = (key: Secret, label: string) => (
    <SecretInput
      label={label}
      isSet={key === 'smtpPassword' ? !!saved?.smtpPasswordSet : !!saved?.smsApiKeySet}
      value={secrets[key]}
      remove={remove[key]}
      error={errors.fieldError(key)}
      testId={`notify-${key}`}
      onChange={(value) => setSecrets((s) => ({ ...s, [key]: value }))}
      onRemove={(value) => setRemove((r) => ({ ...r, [key]: value }))}
    />
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    errors.clear();
    if (!Number.isInteger(form.smtpPort)) {
      errors.setFieldError('smtpPort', t('reason.smtpPort.invalid_type'));
      return;
    }
    const change = (key: Secret) => (remove[key] ? null : secrets[key] ? secrets[key] : undefined);
    setBusy(true);
    try {
      show(await call('notify.settings.update', { ...form, smtpPassword: change('smtpPassword'), smsApiKey: change('smsApiKey') }));
      notifications.show({ color: 'teal', message: t('notify.saved') });
    } catch (err) {
      errors.report(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder radius="md" p="xl" maw={760} bg="white" mt="lg" data-testid="notify-settings">
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={4}>{t('notify.settings.title')}</Title>
          <Text fz="sm" c="dimmed">
            {t('notify.settings.description')}
          </Text>
        </Stack>
        <FormAlert message={errors.formError} />
        {!form ? (
          !errors.formError && (
            <Center py="lg">
              <Loader size="sm" />
            </Center>
          )
        ) : (
          <form onSubmit={(e) => void submit(e)} noValidate data-testid="notify-settings-form">
            <Stack gap="lg">
              <ChannelSection channel="email" adapters={EMAIL_ADAPTERS} value={form.emailAdapter} onChange={(a) => set('emailAdapter', a)}>
                <Grid.Col span={8}>{text('smtpHost', t('notify.smtpHost'), { placeholder: 'smtp.sjtu.edu.cn', required: true })}</Grid.Col>
                <Grid.Col span={4}>
                  <NumberInput
                    label={t('notify.smtpPort')}
                    value={form.smtpPort}
                    onChange={(v) => set('smtpPort', typeof v === 'number' ? v : Number.NaN)}
                    min={1}
                    max={65535}
                    allowDecimal={false}
                    allowNegative={false}
                    clampBehavior="none"
                    error={errors.fieldError('smtpPort')}
                    data-testid="notify-smtpPort"
                  />
                </Grid.Col>
                <Grid.Col span={12}>
                  <Select
                    label={t('notify.smtpSecurity')}
                    value={form.smtpSecurity}
                    onChange={(v) => v && set('smtpSecurity', v as NotifyOptions['smtpSecurity'])}
                    data={(['tls', 'starttls', 'none'] as const).map((s) => ({ value: s, label: t(`notify.security.${s}`) }))}
                    allowDeselect={false}
                    error={errors.fieldError('smtpSecurity')}
                    data-testid="notify-smtpSecurity"
                  />
                </Grid.Col>
                <Grid.Col span={6}>{text('smtpUser', t('notify.smtpUser'))}</Grid.Col>
                <Grid.Col span={6}>{secret('smtpPassword', t('notify.smtpPassword'))}</Grid.Col>
                <Grid.Col span={12}>{text('smtpFrom', t('notify.smtpFrom'), { placeholder: 'jaccount@sjtu.edu.cn', required: true })}</Grid.Col>
              </ChannelSection>
              <Divider />
              <ChannelSection channel="sms" adapters={SMS_ADAPTERS} value={form.smsAdapter} onChange={(a) => set('smsAdapter', a)}>
                <Grid.Col span={12}>
                  {text('smsUrl', t('notify.smsUrl'), { description: t('notify.smsUrlHint'), placeholder: 'https://sms.example.com/send', required: true })}
                </Grid.Col>
                <Grid.Col span={6}>{text('smsApiKeyHeader', t('notify.smsApiKeyHeader'))}</Grid.Col>
                <Grid.Col span={6}>{secret('smsApiKey', t('notify.smsApiKey'))}</Grid.Col>
                <Grid.Col span={12}>{text('smsSignature', t('notify.smsSignature'))}</Grid.Col>
                <Grid.Col span={12}>
                  <Textarea
                    label={t('notify.smsBodyTemplate')}
                    description={t('notify.smsBodyTemplateHint')}
                    value={form.smsBodyTemplate}
                    onChange={(e) => set('smsBodyTemplate', e.currentTarget.value)}
                    error={errors.fieldError('smsBodyTemplate')}
                    autosize
                    minRows={3}
                    classNames={{ input: 'mono' }}
                    data-testid="notify-smsBodyTemplate"
                  />
                </Grid.Col>
              </ChannelSection>
              <Group justify="flex-end">
                <Button type="submit" loading={busy} data-testid="notify-save">
                  {t('common.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {saved && (
          <>
            <Divider />
            <TestMessageForm />
          </>
        )}
      </Stack>
    </Paper>
  );
}
