import { Alert, Button, Code, FileButton, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileImport, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { type TrustBundle, fingerprintForHumans } from '../../../../shared/identity-code';
import { DeskCallError, call } from '../../api/client';
import { useI18n } from '../../i18n';
import { saveTextFile } from '../audit/download';

interface Props {
  bundle: TrustBundle | null;
  now: Date;
  maxAgeSeconds: number;
  canImport: boolean;
  /** A bundle's text the desk handed over: kept by the page for offline use. */
  onBundle: (text: string) => void;
  onError: (err: unknown) => void;
}

/** Which bundle this workstation verifies against, how old it is, and the ways to replace it. */
export function BundleCard({ bundle, now, maxAgeSeconds, canImport, onBundle, onError }: Props) {
  const { t, language } = useI18n();
  const [pending, setPending] = useState<{ text: string; fingerprint: string } | null>(null);

  async function fetchBundle(source: 'this-desk' | 'imported') {
    try {
      onBundle((await call('verify.bundle', { source })).bundle);
      notifications.show({ color: 'teal', message: t('verify.bundle.fetched') });
    } catch (err) {
      onError(err);
    }
  }

  async function importText(text: string, confirmFingerprint?: string) {
    try {
      const report = await call('verify.importBundle', confirmFingerprint ? { bundle: text, confirmFingerprint } : { bundle: text });
      setPending(null);
      onBundle(text);
      notifications.show({
        color: 'teal',
        message: t('verify.bundle.imported', { keys: report.keys, revoked: report.revokedAccounts, suspended: report.suspendedAccounts }),
      });
    } catch (err) {
      if (err instanceof DeskCallError && err.params.reason === 'untrusted_signer') {
        setPending({ text, fingerprint: String(err.params.fingerprint) });
      } else onError(err);
    }
  }

  async function download() {
    try {
      const exported = await call('verify.bundle', { source: 'this-desk' });
      saveTextFile(`jaccount-trust-bundle-${exported.madeAt.slice(0, 10)}.json`, exported.bundle, 'application/json');
    } catch (err) {
      onError(err);
    }
  }

  const ageHours = bundle ? Math.max(0, now.getTime() - Date.parse(bundle.madeAt)) / 3600_000 : 0;
  const tooOld = bundle !== null && ageHours * 3600 > maxAgeSeconds;
  return (
    <Paper withBorder p="md" radius="md" data-testid="bundle-card">
      <Stack gap="xs">
        <Title order={4}>{t('verify.bundle.title')}</Title>
        {bundle ? (
          <>
            <Text size="sm" data-testid="bundle-made-at">
              {t('verify.bundle.madeAt', {
                time: new Date(bundle.madeAt).toLocaleString(language, { timeZone: 'Asia/Shanghai' }),
                age: ageHours.toFixed(1),
              })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('verify.bundle.counts', { keys: bundle.keys.length, revoked: bundle.accounts.revoked.length, suspended: bundle.accounts.suspended.length })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('verify.bundle.signer', { fingerprint: fingerprintForHumans(bundle.signer.kid) })}
            </Text>
            {tooOld && (
              <Alert color="red" data-testid="bundle-too-old">
                {t('verify.bundle.tooOld', { hours: Math.round(maxAgeSeconds / 3600) })}
              </Alert>
            )}
          </>
        ) : (
          <Alert color="yellow">{t('verify.bundle.none')}</Alert>
        )}
        <Group gap="xs">
          <Button size="xs" leftSection={<IconRefresh size={14} />} onClick={() => void fetchBundle('this-desk')} data-testid="bundle-fetch">
            {t('verify.bundle.fetch')}
          </Button>
          <Button size="xs" variant="default" onClick={() => void fetchBundle('imported')}>
            {t('verify.bundle.fetchImported')}
          </Button>
          <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} onClick={() => void download()}>
            {t('verify.bundle.download')}
          </Button>
          {canImport && (
            <FileButton accept="application/json,.json" onChange={(file) => void file?.text().then((text) => importText(text))}>
              {(props) => (
                <Button {...props} size="xs" variant="default" leftSection={<IconFileImport size={14} />}>
                  {t('verify.bundle.import')}
                </Button>
              )}
            </FileButton>
          )}
        </Group>
      </Stack>
      <Modal opened={pending !== null} onClose={() => setPending(null)} title={t('verify.bundle.confirmTitle')}>
        <Stack>
          <Text size="sm">{t('verify.bundle.confirmText')}</Text>
          <Code block fz="lg" data-testid="signer-fingerprint">
            {pending?.fingerprint}
          </Code>
          <Button color="orange" onClick={() => pending && void importText(pending.text, pending.fingerprint)}>
            {t('verify.bundle.confirm')}
          </Button>
        </Stack>
      </Modal>
    </Paper>
  );
}
