import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { IssuedCode } from '../../../../shared/contract/verify';
import { call } from '../../api/client';
import { useI18n } from '../../i18n';

/** Staff issue a code for an active account at the counter (audited by the desk). */
export function IssueCard(props: { onError: (err: unknown) => void }) {
  const { t, language } = useI18n();
  const [username, setUsername] = useState('');
  const [issued, setIssued] = useState<IssuedCode | null>(null);

  async function issue() {
    try {
      setIssued(await call('verify.issueCode', { username: username.trim() }));
    } catch (err) {
      setIssued(null);
      props.onError(err);
    }
  }

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Title order={4}>{t('verify.issue.title')}</Title>
        <Group align="flex-end" gap="xs">
          <TextInput
            label={t('verify.issue.username')}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Enter' && void issue()}
            data-testid="issue-username"
          />
          <Button onClick={() => void issue()} disabled={!username.trim()} data-testid="issue-submit">
            {t('verify.issue.submit')}
          </Button>
        </Group>
        {issued && (
          <Stack gap={4} align="flex-start">
            <img
              src={issued.qrDataUrl}
              style={{ imageRendering: 'pixelated', display: 'block', maxWidth: 'none' }}
              alt={t('verify.issue.qrAlt', { username: issued.username })}
              data-testid="issued-qr"
            />
            <Text size="sm">
              {issued.username} · {issued.name} ·{' '}
              {t('verify.issue.expires', { time: new Date(issued.expiresAt).toLocaleTimeString(language, { timeZone: 'Asia/Shanghai' }) })}
            </Text>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
