import { ActionIcon, Badge, CopyButton, DataList, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { type ReactNode, useEffect, useState } from 'react';
import { call } from '../../api/client';
import type { ApplicationDetail, ClientView } from '../../../../shared/contract/clients';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { DeadlineText } from './DeadlineText';
import { BADGE, CLIENT_STATUS_COLORS } from './labels';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Paper withBorder radius="md" bg="white" p="md" data-testid={testId}>
      <Title order={5} mb="sm">
        {title}
      </Title>
      <DataList size="sm" gap={8} labelWidth={150}>
        {children}
      </DataList>
    </Paper>
  );
}

function Mono({ items, empty }: { items: readonly string[]; empty: string }) {
  if (items.length === 0) return <Text fz="sm" c="dimmed">{empty}</Text>;
  return (
    <Stack gap={2}>
      {items.map((item) => (
        <Text key={item} fz="sm" className="mono" style={{ wordBreak: 'break-all' }}>
          {item}
        </Text>
      ))}
    </Stack>
  );
}

function Copyable({ value, testId }: { value: string; testId: string }) {
  const { t } = useI18n();
  return (
    <Group gap={4} wrap="nowrap">
      <Text fz="sm" fw={700} className="mono" data-testid={testId}>
        {value}
      </Text>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('common.copied') : t('common.copy')}>
            <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} size="sm" onClick={copy} aria-label={t('common.copy')}>
              {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

const day = (iso: string | null) => (iso ? formatDateTime(iso, false) : '');

/** The addresses an application is configured with, next to its clientId. */
function useTokenServiceEndpoints() {
  const [endpoints, setEndpoints] = useState<{ issuer: string | null; discovery: string | null }>({ issuer: null, discovery: null });
  useEffect(() => {
    call('clients.endpoints', {}).then(setEndpoints, () => undefined);
  }, []);
  return endpoints;
}

export function ClientSection({ client }: { client: ClientView }) {
  const { t } = useI18n();
  const none = t('clients.detail.none');
  const endpoints = useTokenServiceEndpoints();
  return (
    <Section title={t('clients.detail.client')} testId="client-section">
      <Item label={t('clients.field.clientId')}>
        <Copyable value={client.clientId} testId="client-id" />
      </Item>
      {endpoints.issuer && (
        <Item label={t('clients.field.issuer')}>
          <Copyable value={endpoints.issuer} testId="client-issuer" />
        </Item>
      )}
      {endpoints.discovery && (
        <Item label={t('clients.field.discovery')}>
          <Copyable value={endpoints.discovery} testId="client-discovery" />
        </Item>
      )}
      <Item label={t('clients.field.status')}>
        <Group gap={6}>
          <Badge color={CLIENT_STATUS_COLORS[client.status]} {...BADGE} data-testid="client-status-detail" data-status={client.status}>
            {t(`clients.clientStatus.${client.status}`)}
          </Badge>
          {client.statusReason && <Text fz="sm">{client.statusReason}</Text>}
        </Group>
      </Item>
      <Item label={t('clients.field.authMethod')}>
        <Text fz="sm">{t(`clients.authMethod.${client.tokenEndpointAuthMethod}`)}</Text>
      </Item>
      <Item label={t('clients.field.grantTypes')}>
        <Text fz="sm">{client.grantTypes.map((g) => t(`clients.grant.${g}`)).join(t('common.listSeparator'))}</Text>
      </Item>
      <Item label={t('clients.field.approvedScopes')}>
        <Text fz="sm" className="mono" data-testid="client-scopes">
          {client.scopes.join(' ') || none}
        </Text>
      </Item>
      <Item label={t('clients.field.redirectUris')}>
        <Mono items={client.redirectUris} empty={none} />
      </Item>
      <Item label={t('clients.field.postLogoutRedirectUris')}>
        <Mono items={client.postLogoutRedirectUris} empty={none} />
      </Item>
      {client.tokenEndpointAuthMethod !== 'none' && (
        <Item label={t('clients.field.secrets')}>
          {client.secrets.length === 0 ? (
            <Text fz="sm" c="dimmed">
              {none}
            </Text>
          ) : (
            <Stack gap={2} data-testid="client-secrets">
              {client.secrets.map((s) => (
                <Text key={s.slot} fz="sm" data-testid={`secret-${s.slot}`}>
                  {t(`clients.secret.slot.${s.slot}`)} ·{' '}
                  <Text span className="mono">
                    {s.fingerprint}
                  </Text>{' '}
                  · {s.expiresAt ? t('clients.secret.validUntil', { time: day(s.expiresAt) }) : t('clients.secret.since', { time: day(s.createdAt) })}
                </Text>
              ))}
            </Stack>
          )}
        </Item>
      )}
      <Item label={t('clients.field.issued')}>
        <Text fz="sm">{t('clients.detail.atBy', { time: day(client.issuedAt), actor: client.issuedBy })}</Text>
      </Item>
    </Section>
  );
}

export function WorkflowSection({ application }: { application: ApplicationDetail }) {
  const { t } = useI18n();
  const a = application;
  return (
    <Section title={t('clients.detail.workflow')} testId="workflow-section">
      <Item label={t('clients.field.submitted')}>
        <Text fz="sm">{t('clients.detail.atBy', { time: day(a.submittedAt), actor: a.submittedBy })}</Text>
      </Item>
      <Item label={t('clients.field.leaderApproval')}>
        {a.leaderApproval ? (
          <Text fz="sm" data-testid="leader-approval">
            {t('clients.detail.leader', {
              leader: a.leaderApproval.leaderName,
              date: a.leaderApproval.approvedOn,
              actor: a.leaderApproval.recordedBy,
            })}
          </Text>
        ) : (
          <Text fz="sm" c="dimmed">
            {t('clients.deadline.awaitingLeader')}
          </Text>
        )}
      </Item>
      {a.deadline && (
        <Item label={t('clients.col.deadline')}>
          <DeadlineText item={a} />
        </Item>
      )}
      {a.processedAt && (
        <Item label={t(a.state === 'rejected' ? 'clients.field.rejected' : 'clients.field.approved')}>
          <Text fz="sm">{t('clients.detail.atBy', { time: day(a.processedAt), actor: a.processedBy ?? '' })}</Text>
        </Item>
      )}
      {a.rejectionReason && (
        <Item label={t('clients.field.rejectionReason')}>
          <Text fz="sm" data-testid="rejection-reason">
            {a.rejectionReason}
          </Text>
        </Item>
      )}
    </Section>
  );
}

export function ApplicationSection({ application }: { application: ApplicationDetail }) {
  const { t } = useI18n();
  const a = application;
  const none = t('clients.detail.none');
  return (
    <Section title={t('clients.detail.application')} testId="application-section">
      <Item label={t('clients.field.department')}>{a.department}</Item>
      <Item label={t('clients.field.purpose')}>
        <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {a.purpose}
        </Text>
      </Item>
      <Item label={t('clients.field.homepage')}>
        <Text fz="sm" className="mono" style={{ wordBreak: 'break-all' }}>
          {a.homepage}
        </Text>
      </Item>
      <Item label={t('clients.field.clientType')}>{t(`clients.type.${a.clientType}`)}</Item>
      <Item label={t('clients.field.grantTypes')}>{a.grantTypes.map((g) => t(`clients.grant.${g}`)).join(t('common.listSeparator'))}</Item>
      <Item label={t('clients.field.requestedScopes')}>
        <Text fz="sm" className="mono">
          {a.scopes.join(' ') || none}
        </Text>
      </Item>
      <Item label={t('clients.field.redirectUris')}>
        <Mono items={a.redirectUris} empty={none} />
      </Item>
      <Item label={t('clients.field.contact')}>
        <Text fz="sm">
          {a.contact.name} · {a.contact.email} · {a.contact.phone}
        </Text>
      </Item>
    </Section>
  );
}
