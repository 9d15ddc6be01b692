import { ActionIcon, Button, Center, Code, CopyButton, Group, Image, Loader, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { SessionView } from '../../../../shared/contract/auth';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { TotpCodeInput } from './TotpCodeInput';

interface Enrollment {
  secret: string;
  qrSvg: string;
}

const NO_FIELDS: string[] = [];
const CODE_FIELD = ['code'];

/** `JBSWY3DPEHPK3PXP` as `JBSW Y3DP EHPK 3PXP`, for typing by hand. */
function grouped(secret: string): string {
  return secret.replace(/=+$/, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** Starts a TOTP enrollment, shows the QR code and the key, and confirms it with a first code. */
export function TotpEnrollPanel(props: {
  onEnrolled: (view: SessionView) => void;
  submitLabel?: string;
  fullWidthSubmit?: boolean;
  /** An enrollment already begun (after the current password was given); absent, the panel begins one (during sign-in). */
  begun?: Enrollment;
}) {
  const { t } = useI18n();
  const [enrollment, setEnrollment] = useState<Enrollment | null>(props.begun ?? null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const begin = useFormErrors(NO_FIELDS);
  const confirm = useFormErrors(CODE_FIELD);
  const started = useRef(false);

  useEffect(() => {
    // Once per panel: a second begin would replace the secret the QR code shows.
    if (started.current || props.begun) return;
    started.current = true;
    call('auth.totpEnrollBegin', {}).then(({ secret, qrSvg }) => setEnrollment({ secret, qrSvg }), begin.report);
  }, [begin.report, props.begun]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    confirm.clear();
    if (code.length !== 6) {
      confirm.setFieldError('code', t('totp.sixDigits'));
      return;
    }
    setBusy(true);
    try {
      props.onEnrolled(await call('auth.totpEnrollConfirm', { code }));
    } catch (err) {
      confirm.report(err);
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  if (begin.formError) return <FormAlert message={begin.formError} />;
  if (!enrollment) {
    return (
      <Center py="xl">
        <Loader size="sm" />
      </Center>
    );
  }

  const src = `data:image/svg+xml;utf8,${encodeURIComponent(enrollment.qrSvg)}`;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        <Text fz="sm">{t('totp.enroll.step1')}</Text>
        <Group align="center" gap="lg" wrap="nowrap">
          <Paper withBorder p={4} radius="md" bg="white">
            <Image src={src} alt={t('totp.enroll.qrAlt')} w={156} h={156} data-testid="totp-qr" />
          </Paper>
          <Stack gap={6} style={{ minWidth: 0 }}>
            <Text fz="sm" c="dimmed">
              {t('totp.enroll.manual')}
            </Text>
            <Group gap={4} wrap="nowrap">
              <Code fz="md" fw={600} style={{ whiteSpace: 'normal', lineHeight: 1.7 }} data-testid="totp-secret">
                {grouped(enrollment.secret)}
              </Code>
              <CopyButton value={enrollment.secret}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? t('common.copied') : t('common.copy')}>
                    <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={t('common.copy')}>
                      {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
            <Text fz="xs" c="dimmed">
              {t('totp.enroll.manualDetails')}
            </Text>
          </Stack>
        </Group>
        <Text fz="sm">{t('totp.enroll.step2')}</Text>
        <FormAlert message={confirm.formError} />
        <TotpCodeInput value={code} onChange={setCode} error={confirm.fieldError('code')} />
        <Group justify={props.fullWidthSubmit ? undefined : 'flex-end'}>
          <Button type="submit" loading={busy} fullWidth={props.fullWidthSubmit}>
            {props.submitLabel ?? t('totp.enroll.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
