import { Button, Divider, Group, Paper, Popover, Stack, Text, TextInput } from '@mantine/core';
import { IconId, IconStethoscope } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import type { Output } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { AccountStatusBadges } from './AccountStatusBadges';
import { DiagnosisPanel } from './DiagnosisPanel';
import { openCard } from './lookup-requests';

const FIELDS = ['username'];

type Answer = Output<'accounts.diagnose'> & { asked: string };

/**
 * "My username is X and I cannot sign in": the diagnosis of that username, or, when no account
 * has it, the closest usernames and names for the operator to confirm in person.
 */
export function DiagnoseUsername() {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    const asked = username.trim();
    if (!asked) {
      errors.setFieldError('username', t('accounts.diagnose.required'));
      return;
    }
    setBusy(true);
    try {
      setAnswer({ ...(await call('accounts.diagnose', { username: asked })), asked });
    } catch (err) {
      setAnswer(null);
      errors.report(err);
    } finally {
      setBusy(false);
    }
  }

  const open = (id: number) => {
    setAnswer(null);
    openCard(id);
  };

  return (
    <Popover opened={answer !== null} onDismiss={() => setAnswer(null)} position="bottom-end" width={540} shadow="lg" radius="md">
      <Popover.Target>
        <form onSubmit={(e) => void submit(e)} noValidate data-testid="diagnose-form">
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={t('accounts.diagnose.title')}
              placeholder={t('accounts.diagnose.placeholder')}
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              error={errors.fieldError('username') ?? errors.formError}
              autoComplete="off"
              spellCheck={false}
              maxLength={64}
              w={230}
              data-testid="diagnose-username"
            />
            <Button type="submit" variant="light" loading={busy} leftSection={<IconStethoscope size={16} />}>
              {t('accounts.diagnose.submit')}
            </Button>
          </Group>
        </form>
      </Popover.Target>
      <Popover.Dropdown p="md" data-testid="diagnose-result" data-found={answer?.found}>
        {answer?.found && answer.account && answer.diagnosis && (
          <Stack gap="sm">
            <Group justify="space-between" wrap="nowrap">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text fw={700} truncate>
                  {answer.account.realName}
                </Text>
                <Text fz="xs" c="dimmed" className="mono">
                  {answer.account.username} · {answer.account.number ?? '—'} · {answer.account.department}
                </Text>
              </Stack>
              <AccountStatusBadges status={answer.account.status} locked={answer.account.locked} />
            </Group>
            <DiagnosisPanel diagnosis={answer.diagnosis} compact />
            <Group justify="flex-end">
              <Button size="xs" leftSection={<IconId size={14} />} onClick={() => open(answer.account!.id)} data-testid="diagnose-open">
                {t('accounts.diagnose.openCard')}
              </Button>
            </Group>
          </Stack>
        )}
        {answer && !answer.found && (
          <Stack gap="sm">
            <Text fw={700} data-testid="diagnose-not-found">
              {t('accounts.diagnose.notFound', { username: answer.asked })}
            </Text>
            <Text fz="sm" c="dimmed">
              {answer.closest.length > 0 ? t('accounts.diagnose.closest') : t('accounts.diagnose.noneClose')}
            </Text>
            {answer.closest.length > 0 && (
              <Paper withBorder radius="sm">
                <Stack gap={0}>
                  {answer.closest.map((a, i) => (
                    <div key={a.id}>
                      {i > 0 && <Divider />}
                      <Group justify="space-between" wrap="nowrap" px="sm" py={6} data-testid="diagnose-closest">
                        <Stack gap={0} style={{ minWidth: 0 }}>
                          <Text fz="sm" fw={600} truncate>
                            {a.realName}{' '}
                            <Text span fz="xs" className="mono" fw={400} c={a.username ? undefined : 'dimmed'}>
                              {a.username ?? t('accounts.notActivated')}
                            </Text>
                          </Text>
                          <Text fz="xs" c="dimmed" className="mono" truncate>
                            {a.number ?? '—'} · {a.documentMasked} · {a.mobileMasked ?? '—'}
                          </Text>
                        </Stack>
                        <Button size="compact-xs" variant="subtle" onClick={() => open(a.id)}>
                          {t('accounts.diagnose.open')}
                        </Button>
                      </Group>
                    </div>
                  ))}
                </Stack>
              </Paper>
            )}
          </Stack>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
