import { Code, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Verdict } from '../../../../shared/identity-code';
import { type MessageKey, useI18n } from '../../i18n';

function time(seconds: unknown, language: string): string {
  return typeof seconds === 'number' ? new Date(seconds * 1000).toLocaleString(language, { timeZone: 'Asia/Shanghai' }) : '—';
}

/** The answer in large type: green for valid, red with the reason in words for a refusal. */
export function VerdictCard({ verdict }: { verdict: Verdict }) {
  const { t, tDynamic, language } = useI18n();
  const color = verdict.valid ? 'teal' : 'red';
  const claims = verdict.claims;
  return (
    <Paper withBorder p="lg" radius="md" bg={`${color}.0`} style={{ borderColor: `var(--mantine-color-${color}-6)` }} data-testid="verdict">
      <Stack gap="sm">
        <Title order={2} fz={44} c={`${color}.8`} data-testid="verdict-title" data-valid={verdict.valid}>
          {verdict.valid ? t('verify.valid') : t('verify.refused')}
          {verdict.kind && (
            <Text span fz={20} c="dimmed" ml="md">
              {t(`verify.kind.${verdict.kind}` as MessageKey)}
            </Text>
          )}
        </Title>
        {!verdict.valid && (
          <Text fz={26} fw={600} c="red.8" data-testid="verdict-reason" data-reason={verdict.reason}>
            {t(`verify.reason.${verdict.reason}` as MessageKey)}
          </Text>
        )}
        {claims && (
          <SimpleGrid cols={{ base: 2, md: 3 }} spacing="xs">
            <Field label={t('verify.claim.sub')} value={String(claims.sub ?? '—')} big testId="claim-sub" />
            <Field label={t('verify.claim.name')} value={String(claims.name ?? '—')} big />
            <Field
              label={t('verify.claim.category')}
              value={typeof claims.category === 'string' ? tDynamic(`accounts.category.${claims.category}`, claims.category) : '—'}
            />
            <Field label={t('verify.claim.iat')} value={time(claims.iat, language)} />
            <Field label={t('verify.claim.exp')} value={time(claims.exp, language)} />
          </SimpleGrid>
        )}
        {verdict.kid && (
          <Text size="sm" c="dimmed">
            {t('verify.claim.key')}: <Code>{verdict.kid}</Code>
            {verdict.valid && ` · ${tDynamic(`keys.state.${verdict.keyState}`, verdict.keyState)}`}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function Field(props: { label: string; value: string; big?: boolean; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {props.label}
      </Text>
      <Text fz={props.big ? 22 : 'md'} fw={props.big ? 600 : 400} data-testid={props.testId}>
        {props.value}
      </Text>
    </Stack>
  );
}
