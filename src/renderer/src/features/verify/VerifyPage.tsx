import { Button, Grid, Group, Stack, TextInput } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type TrustBundle, type Verdict, decodeIdentityCode, verifyCredential } from '../../../../shared/identity-code';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useFormErrors } from '../../components/use-form-errors';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { useSessionView } from '../../session/SessionProvider';
import { useNow } from '../accounts/use-now';
import { BundleCard } from './BundleCard';
import { CameraScan } from './CameraScan';
import { IssueCard } from './IssueCard';
import { VerdictCard } from './VerdictCard';
import { storeBundle, storeSettings, storedBundle, storedSettings } from './bundle-storage';

const NO_FIELDS: string[] = [];

/**
 * The verifier: a scanner types into one large field and Enter (or a complete code) verifies
 * it here in the renderer, against the bundle kept on this workstation: no desk call, so it
 * works with the network down.
 */
export function VerifyPage() {
  const { t } = useI18n();
  const view = useSessionView();
  const now = useNow(30_000);
  const [bundle, setBundle] = useState<TrustBundle | null>(storedBundle);
  const [settings, setSettings] = useState(storedSettings);
  const [text, setText] = useState('');
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const errors = useFormErrors(NO_FIELDS);
  const { report } = errors;

  useEffect(() => {
    // Settings follow the desk when it can be reached; the last ones known otherwise.
    call('verify.settings', {}).then(
      (s) => {
        storeSettings(s);
        setSettings(s);
      },
      () => undefined,
    );
  }, []);

  const verify = useCallback(
    async (value: string) => {
      if (!value.trim()) return;
      if (!bundle) return setVerdict({ valid: false, reason: 'bundle_too_old', kind: null, kid: null, claims: null });
      setVerdict(await verifyCredential(value, bundle, new Date(), settings));
      setText('');
      input.current?.focus();
    },
    [bundle, settings],
  );

  function onBundle(textOfBundle: string) {
    setBundle(storeBundle(textOfBundle));
    setVerdict(null);
  }

  return (
    <Stack>
      <PageHeader title={t('verify.title')} description={t('verify.description')} />
      <FormAlert message={errors.formError} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack>
            <Group align="flex-end" wrap="nowrap">
              <TextInput
                ref={input}
                autoFocus
                size="xl"
                style={{ flex: 1 }}
                label={t('verify.input.label')}
                placeholder={t('verify.input.placeholder')}
                value={text}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setText(value);
                  // A scanner that sends no Enter: verify as soon as a whole code has arrived.
                  if (decodeIdentityCode(value)) void verify(value);
                }}
                onKeyDown={(e) => e.key === 'Enter' && void verify(text)}
                data-testid="verify-input"
              />
              <Button size="xl" leftSection={<IconShieldCheck size={20} />} onClick={() => void verify(text)} data-testid="verify-submit">
                {t('verify.action.verify')}
              </Button>
            </Group>
            <CameraScan onText={(value) => void verify(value)} />
            {verdict && <VerdictCard verdict={verdict} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            <BundleCard
              bundle={bundle}
              now={now}
              maxAgeSeconds={settings.bundleMaxAgeSeconds}
              canImport={view.staff.permissions.includes('keys.manage')}
              onBundle={onBundle}
              onError={report}
            />
            <IssueCard onError={report} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
