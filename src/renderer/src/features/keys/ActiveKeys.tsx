import { ActionIcon, CopyButton, DataList, Group, Paper, SimpleGrid, Text, Title, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import type { KeyView } from '../../../../shared/contract/keys';
import { KEY_ALGS } from '../../../../shared/signing-keys';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { KeyStateBadge } from './KeyStateBadge';
import { keyKind, shortFingerprint, shortKid } from './key-text';

function Fingerprint({ value }: { value: string }) {
  const { t } = useI18n();
  return (
    <Group gap={4} wrap="nowrap">
      <Tooltip label={value} multiline maw={360}>
        <Text fz="sm" className="mono">
          {shortFingerprint(value)}
        </Text>
      </Tooltip>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} size="sm" onClick={copy} aria-label={t('keys.copyFingerprint')}>
            {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
          </ActionIcon>
        )}
      </CopyButton>
    </Group>
  );
}

/** The key that signs, per algorithm: the first thing a key admin needs to see. */
export function ActiveKeys({ keys }: { keys: KeyView[] }) {
  const { t } = useI18n();
  return (
    <SimpleGrid cols={2} spacing="md" mb="lg">
      {KEY_ALGS.map((alg) => {
        const active = keys.find((k) => k.alg === alg && k.state === 'active');
        const next = keys.find((k) => k.alg === alg && k.state === 'next');
        return (
          <Paper key={alg} withBorder radius="md" p="md" bg="white" data-testid={`active-key-${alg}`}>
            <Group justify="space-between" mb="xs" wrap="nowrap">
              <Group gap="xs" wrap="nowrap">
                <IconKey size={20} color="var(--mantine-color-teal-7)" />
                <Title order={4}>{active ? keyKind(active, t) : t(`keys.alg.${alg}`)}</Title>
              </Group>
              {active && <KeyStateBadge state="active" />}
            </Group>
            <Text fz="xs" c="dimmed" mb="sm">
              {t(`keys.algUse.${alg}`)}
            </Text>
            {active ? (
              <DataList size="sm" gap={6} labelWidth={132}>
                <DataList.Item>
                  <DataList.ItemLabel>{t('keys.field.kid')}</DataList.ItemLabel>
                  <DataList.ItemValue>
                    <Text fz="sm" className="mono" style={{ wordBreak: 'break-all' }} data-testid="active-kid">
                      {active.kid}
                    </Text>
                  </DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>{t('keys.field.fingerprint')}</DataList.ItemLabel>
                  <DataList.ItemValue>
                    <Fingerprint value={active.fingerprint} />
                  </DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>{t('keys.field.activatedAt')}</DataList.ItemLabel>
                  <DataList.ItemValue>{formatDateTime(active.activatedAt, false)}</DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>{t('keys.field.rotation')}</DataList.ItemLabel>
                  <DataList.ItemValue>
                    {active.rotationDueAt ? formatDateTime(active.rotationDueAt, false) : t('keys.field.rotationOff')}
                  </DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>{t('keys.field.successor')}</DataList.ItemLabel>
                  <DataList.ItemValue>
                    {next ? (
                      <Text fz="sm">
                        <span className="mono">{shortKid(next.kid)}</span> · {t('keys.state.next')}
                      </Text>
                    ) : (
                      <Text fz="sm" c="dimmed">
                        {t('keys.field.noSuccessor')}
                      </Text>
                    )}
                  </DataList.ItemValue>
                </DataList.Item>
              </DataList>
            ) : (
              <Text c="red" fw={600}>
                {t('keys.active.none')}
              </Text>
            )}
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
