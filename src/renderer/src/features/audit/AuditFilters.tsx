import { Button, Grid, Group, Paper, Select, TextInput } from '@mantine/core';
import { IconFilter, IconX } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import type { AuditFilter } from '../../../../shared/contract/audit';
import { useI18n } from '../../i18n';
import { localInputToIso } from '../../i18n/format';
import { AUDIT_OUTCOMES } from './outcomes';

interface Draft {
  actor: string;
  action: string;
  target: string;
  outcome: string | null;
  from: string;
  to: string;
}

const EMPTY: Draft = { actor: '', action: '', target: '', outcome: null, from: '', to: '' };

function toFilter(d: Draft): AuditFilter {
  const filter: AuditFilter = {};
  if (d.actor.trim()) filter.actor = d.actor.trim();
  if (d.action.trim()) filter.action = d.action.trim();
  if (d.target.trim()) filter.target = d.target.trim();
  if (d.outcome) filter.outcome = d.outcome as AuditFilter['outcome'];
  const from = localInputToIso(d.from);
  // A minute-precision input: "to 10:05" includes what happened during 10:05.
  const to = localInputToIso(d.to, 59_999);
  if (from) filter.from = from;
  if (to) filter.to = to;
  return filter;
}

/** The filter form; the list follows the applied filter only, not each keystroke. */
export function AuditFilters({ onApply }: { onApply: (filter: AuditFilter) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(toFilter(draft));
  }

  return (
    <Paper withBorder radius="md" p="md" mb="md" bg="white">
      <form onSubmit={submit} data-testid="audit-filters">
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 6, lg: 3 }}>
            <TextInput label={t('audit.filter.actor')} placeholder="admin" value={draft.actor} onChange={(e) => set({ actor: e.currentTarget.value })} />
          </Grid.Col>
          <Grid.Col span={{ base: 6, lg: 3 }}>
            <TextInput
              label={t('audit.filter.action')}
              placeholder={t('audit.filter.actionPlaceholder')}
              value={draft.action}
              onChange={(e) => set({ action: e.currentTarget.value })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, lg: 3 }}>
            <TextInput
              label={t('audit.filter.target')}
              placeholder="staff:alice"
              value={draft.target}
              onChange={(e) => set({ target: e.currentTarget.value })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, lg: 3 }}>
            <Select
              label={t('audit.filter.outcome')}
              placeholder={t('audit.filter.anyOutcome')}
              data={AUDIT_OUTCOMES.map((o) => ({ value: o, label: t(`audit.outcome.${o}`) }))}
              value={draft.outcome}
              onChange={(value) => set({ outcome: value })}
              clearable
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, lg: 3 }}>
            <TextInput type="datetime-local" label={t('audit.filter.from')} value={draft.from} onChange={(e) => set({ from: e.currentTarget.value })} />
          </Grid.Col>
          <Grid.Col span={{ base: 6, lg: 3 }}>
            <TextInput type="datetime-local" label={t('audit.filter.to')} value={draft.to} onChange={(e) => set({ to: e.currentTarget.value })} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <Group justify="flex-end" gap="sm">
              <Button
                variant="subtle"
                color="gray"
                leftSection={<IconX size={16} />}
                onClick={() => {
                  setDraft(EMPTY);
                  onApply({});
                }}
              >
                {t('audit.filter.reset')}
              </Button>
              <Button type="submit" leftSection={<IconFilter size={16} />} data-testid="audit-apply">
                {t('audit.filter.apply')}
              </Button>
            </Group>
          </Grid.Col>
        </Grid>
      </form>
    </Paper>
  );
}
