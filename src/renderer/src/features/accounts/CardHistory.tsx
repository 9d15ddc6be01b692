import { Badge, Paper, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { AccountCard } from '../../../../shared/contract/accounts';
import { useI18n } from '../../i18n';
import { AuditEntryRow } from '../audit/AuditEntryRow';
import { formatDateTime } from '../../i18n/format';
import { BADGE } from './labels';

const SIGN_IN_COLORS: Record<AccountCard['recentSignIns'][number]['outcome'], string> = {
  success: 'teal',
  wrong_password: 'orange',
  locked: 'red',
  not_activated: 'yellow',
  suspended: 'orange',
  revoked: 'red',
  password_expired: 'orange',
};

function Section(props: { title: string; empty: string; count: number; testId: string; head: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" bg="white" p="md" data-testid={props.testId}>
      <Title order={5} mb="xs">
        {props.title}
      </Title>
      {props.count === 0 ? (
        <Text fz="sm" c="dimmed">
          {props.empty}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table fz="sm" verticalSpacing={6} horizontalSpacing="xs" style={{ tableLayout: 'fixed' }}>
            <Table.Thead>{props.head}</Table.Thead>
            <Table.Tbody>{props.children}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

const nowrap = { whiteSpace: 'nowrap' } as const;

export function SignInAttempts({ card }: { card: AccountCard }) {
  const { t, tDynamic } = useI18n();
  return (
    <Section
      title={t('accounts.card.signIns')}
      empty={t('accounts.card.signInsEmpty')}
      count={card.recentSignIns.length}
      testId="card-sign-ins"
      head={
        <Table.Tr>
          <Table.Th w={150}>{t('accounts.col.time')}</Table.Th>
          <Table.Th w={150}>{t('accounts.col.outcome')}</Table.Th>
          <Table.Th>{t('accounts.col.source')}</Table.Th>
        </Table.Tr>
      }
    >
      {card.recentSignIns.map((s, i) => (
        <Table.Tr key={`${s.at}-${i}`} data-testid="sign-in-row" data-outcome={s.outcome}>
          <Table.Td style={nowrap}>{formatDateTime(s.at)}</Table.Td>
          <Table.Td>
            <Badge color={SIGN_IN_COLORS[s.outcome]} {...BADGE}>
              {t(`accounts.signIn.${s.outcome}`)}
            </Badge>
          </Table.Td>
          <Table.Td>
            <Text fz="sm" truncate title={s.source}>
              {tDynamic(`accounts.source.${s.source}`, s.source)}
            </Text>
          </Table.Td>
        </Table.Tr>
      ))}
    </Section>
  );
}

export function StatusHistory({ card }: { card: AccountCard }) {
  const { t, tDynamic } = useI18n();
  const status = (s: string | null) => (s === null ? t('accounts.card.newAccount') : tDynamic(`accounts.status.${s}`, s));
  return (
    <Section
      title={t('accounts.card.statusHistory')}
      empty={t('accounts.card.statusHistoryEmpty')}
      count={card.statusHistory.length}
      testId="card-status-history"
      head={
        <Table.Tr>
          <Table.Th w={150}>{t('accounts.col.time')}</Table.Th>
          <Table.Th w={170}>{t('accounts.col.change')}</Table.Th>
          <Table.Th>{t('accounts.col.reason')}</Table.Th>
          <Table.Th w={110}>{t('accounts.col.actor')}</Table.Th>
        </Table.Tr>
      }
    >
      {card.statusHistory.map((e, i) => (
        <Table.Tr key={`${e.at}-${i}`} data-testid="status-event">
          <Table.Td style={nowrap}>{formatDateTime(e.at)}</Table.Td>
          <Table.Td>
            <Text fz="sm" truncate>
              {status(e.from)} → {status(e.to)}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text fz="sm" lineClamp={2} title={e.reason}>
              {tDynamic(`accounts.eventReason.${e.reason}`, e.reason)}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text fz="sm" truncate title={e.actor}>
              {e.actor}
            </Text>
          </Table.Td>
        </Table.Tr>
      ))}
    </Section>
  );
}

export function AuditHistory({ card }: { card: AccountCard }) {
  const { t } = useI18n();
  return (
    <Section
      title={t('accounts.card.history')}
      empty={t('accounts.card.historyEmpty')}
      count={card.history.length}
      testId="card-history"
      head={
        <Table.Tr>
          <Table.Th w={150}>{t('accounts.col.time')}</Table.Th>
          <Table.Th w={100}>{t('accounts.col.actor')}</Table.Th>
          <Table.Th w={150}>{t('accounts.col.action')}</Table.Th>
          <Table.Th w={96}>{t('accounts.col.outcome')}</Table.Th>
          <Table.Th>{t('accounts.col.detail')}</Table.Th>
        </Table.Tr>
      }
    >
      {card.history.map((e) => (
        <AuditEntryRow
          key={e.seq}
          entry={e}
          action={
            <Text fz="xs" className="mono" truncate title={e.action}>
              {e.action}
            </Text>
          }
        />
      ))}
    </Section>
  );
}
