import { Alert, Badge, Button, Grid, Group, Paper, Stack, Table, Text, Timeline } from '@mantine/core';
import { IconAlertTriangle, IconBan, IconCheck, IconCircleCheck, IconHandStop, IconX } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { ApplicationDetail, RegistryMatch } from '../../../../shared/contract/verification';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { BADGE } from '../accounts/labels';
import { DocumentViewer } from './DocumentViewer';
import { DeadlineCell, StatusBadge } from './StatusCells';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <Text fz="sm" c="dimmed" w={96} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text fz="sm" component="div" style={{ minWidth: 0 }}>
        {children}
      </Text>
    </Group>
  );
}

const MATCH_FIELDS = ['name', 'document', 'school', 'enrolledYear', 'graduatedYear', 'degree', 'major'] as const;

function RegistryTable({ matches }: { matches: RegistryMatch[] }) {
  const { t } = useI18n();
  return (
    <Stack gap="sm">
      {matches.map((m) => (
        <Paper key={m.studentNumber} withBorder p="xs" radius="sm" data-testid="registry-match" data-by={m.by}>
          <Group gap="xs" mb={6}>
            <Badge {...BADGE} color={m.by === 'document' ? 'teal' : 'blue'}>
              {t(`review.case.matchBy.${m.by}`)}
            </Badge>
            <Text fz="sm" fw={600}>
              {m.realName}
            </Text>
            <Text fz="xs" c="dimmed" className="mono">
              {m.studentNumber} · {m.documentMasked}
            </Text>
          </Group>
          <Table withRowBorders={false} verticalSpacing={2} fz="xs">
            <Table.Tbody>
              {MATCH_FIELDS.map((f) => {
                const value = {
                  name: m.realName,
                  document: m.documentMasked,
                  school: m.school,
                  enrolledYear: m.enrolledYear,
                  graduatedYear: m.graduatedYear,
                  degree: t(`verification.degree.${m.degree}`),
                  major: m.major || '—',
                }[f];
                const cmp = m.fields[f];
                return (
                  <Table.Tr key={f} data-testid={`match-${f}`} data-compare={cmp}>
                    <Table.Td w={80} c="dimmed">
                      {t(`review.case.field.${f}`)}
                    </Table.Td>
                    <Table.Td>{value}</Table.Td>
                    <Table.Td w={24}>
                      {cmp === 'same' ? <IconCheck size={14} color="var(--mantine-color-teal-7)" /> : cmp === 'different' ? <IconX size={14} color="var(--mantine-color-red-7)" /> : '?'}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      ))}
    </Stack>
  );
}

function DuplicateCheck({ duplicate }: { duplicate: ApplicationDetail['duplicate'] }) {
  const { t } = useI18n();
  if (duplicate.outcome === 'none') {
    return (
      <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} data-testid="duplicate-check" data-outcome="none">
        {t('review.case.duplicate.none')}
      </Alert>
    );
  }
  if (duplicate.outcome === 'revoked') {
    return (
      <Alert color="red" icon={<IconBan size={18} />} data-testid="duplicate-check" data-outcome="revoked">
        {t('review.case.duplicate.revoked')}
      </Alert>
    );
  }
  return (
    <Alert color="yellow" icon={<IconAlertTriangle size={18} />} data-testid="duplicate-check" data-outcome="exists">
      {duplicate.usernameMasked ? t('review.case.duplicate.exists', { username: duplicate.usernameMasked }) : t('review.case.duplicate.existsPending')}
    </Alert>
  );
}

/** One application as the reviewer decides it: the facts, the uploads, the registry, the duplicate check, the history. */
export function CaseView(props: { detail: ApplicationDetail; onDecide: (decision: 'approve' | 'reject') => void }) {
  const { t, tDynamic } = useI18n();
  const d = props.detail;
  const none = t('review.case.noContact');
  return (
    <Stack gap="md" data-testid="case-view" data-id={d.id}>
      <Group gap="sm">
        <StatusBadge status={d.status} />
        <Text fz="sm">{t(`verification.kind.${d.kind}`)}</Text>
        <Text fz="sm" c="dimmed">
          {d.department}
        </Text>
        <DeadlineCell item={d} />
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="xs">
            <Fact label={t('review.case.applicant')}>
              <Text fw={600} span>
                {d.realName}
              </Text>
            </Fact>
            <Fact label={t('review.case.document')}>
              {t(`accounts.documentType.${d.documentType}`)} <span className="mono">{d.documentMasked}</span>
            </Fact>
            <Fact label={d.kind === 'contact_change' ? t('review.case.newContacts') : t('review.case.contacts')}>
              <span className="mono">{d.mobileMasked ?? none}</span> · {d.emailMasked ?? none}
            </Fact>
            <Fact label={t('review.case.intake')}>
              {d.channel === 'counter'
                ? t('review.case.intakeCounter', { desk: d.desk ? tDynamic(`desk.${d.desk}.campus`, d.desk) : '', by: d.takenBy })
                : t('review.case.intakeOnline', { by: d.takenBy })}
              <Text fz="xs" c="dimmed">
                {formatDateTime(d.submittedAt, false)}
              </Text>
            </Fact>
            {d.academic && (
              <Fact label={t('review.case.academic')}>
                {d.academic.school} · {t('review.case.years', { from: d.academic.enrolledYear, to: d.academic.graduatedYear })} ·{' '}
                {t(`verification.degree.${d.academic.degree}`)}
                {d.academic.major ? ` · ${d.academic.major}` : ''}
              </Fact>
            )}
            {d.account && (
              <Fact label={t('review.case.account')}>
                {t('review.case.accountLine', {
                  username: d.account.usernameMasked ?? '—',
                  status: tDynamic(`accounts.status.${d.account.status}`, d.account.status),
                  mobile: d.account.mobileMasked ?? none,
                  email: d.account.emailMasked ?? none,
                })}
              </Fact>
            )}
            {d.kind === 'alumni' && (
              <>
                <Text fz="xs" fw={700} c="dimmed" tt="uppercase" mt="sm">
                  {t('review.case.duplicate')}
                </Text>
                <DuplicateCheck duplicate={d.duplicate} />
                <Text fz="xs" fw={700} c="dimmed" tt="uppercase" mt="sm">
                  {t('review.case.registry')}
                </Text>
                {d.registry.length ? <RegistryTable matches={d.registry} /> : <Text fz="sm" c="dimmed" data-testid="registry-none">{t('review.case.registryNone')}</Text>}
              </>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            {d.uploads.length > 0 && <DocumentViewer applicationId={d.id} uploads={d.uploads} />}
            {d.decision ? (
              <Alert color={d.status === 'approved' ? 'teal' : 'gray'} title={t('review.case.decision')} data-testid="case-decision">
                {t('review.case.decisionLine', { status: t(`verification.status.${d.status}`), by: d.decision.by, date: formatDateTime(d.decision.at, false) })}
                {d.decision.reason && ` · ${t(`verification.reason.${d.decision.reason}`)}`}
                {d.decision.note && <Text fz="sm">{d.decision.note}</Text>}
              </Alert>
            ) : d.ownIntake ? (
              <Alert color="orange" icon={<IconHandStop size={18} />} data-testid="own-intake">
                {t('review.case.ownIntake')}
              </Alert>
            ) : (
              <Group justify="flex-end">
                <Button color="red" variant="light" onClick={() => props.onDecide('reject')} data-testid="case-reject">
                  {t('review.reject')}
                </Button>
                <Button color="teal" onClick={() => props.onDecide('approve')} disabled={d.duplicate.outcome !== 'none'} data-testid="case-approve">
                  {t('review.approve')}
                </Button>
              </Group>
            )}
            <Text fz="xs" fw={700} c="dimmed" tt="uppercase">
              {t('review.case.history')}
            </Text>
            <Timeline bulletSize={14} lineWidth={2}>
              {d.history.map((h, i) => (
                <Timeline.Item key={i} title={<Text fz="sm">{tDynamic(`review.event.${h.event}`, h.event)}</Text>}>
                  <Text fz="xs" c="dimmed">
                    {formatDateTime(h.at, false)} · {h.actor}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
