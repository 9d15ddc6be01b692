import { Avatar, Button, Center, DataList, Grid, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconBan, IconLockOpen, IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import type { AccountCard } from '../../../../shared/contract/accounts';
import { STATUS_TRANSITIONS } from '../../../../shared/identity/account';
import type { Permission } from '../../../../shared/permissions';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { ReasonModal } from '../../components/ReasonModal';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { formatClock, formatDateTime } from '../../i18n/format';
import { relativeTime } from '../../i18n/relative';
import { useSessionView } from '../../session/SessionProvider';
import { RecoverySection } from '../recovery/RecoverySection';
import { AccountStatusBadges } from './AccountStatusBadges';
import { AuditHistory, SignInAttempts, StatusHistory } from './CardHistory';
import { DiagnosisPanel } from './DiagnosisPanel';
import { type PiiField, PiiValue } from './PiiValue';
import { useNow } from './use-now';

const NO_FIELDS: string[] = [];

type CardAction = 'unlock' | 'suspend' | 'reactivate' | 'revoke';
type Dialog = { kind: 'reveal'; field: PiiField } | { kind: 'action'; action: CardAction } | null;

const TARGET_STATUS = { suspend: 'suspended', reactivate: 'active', revoke: 'revoked' } as const;

/** Which actions the card offers: by the staff member's permissions and what the account's state allows. */
function actionsFor(card: AccountCard, held: readonly Permission[]): CardAction[] {
  const actions: CardAction[] = [];
  if (card.locked && held.includes('account.unlock')) actions.push('unlock');
  if (held.includes('account.manage')) {
    const allowed = STATUS_TRANSITIONS[card.status];
    if (allowed.includes('suspended')) actions.push('suspend');
    // Reactivating hands back a working account: one that was never activated has no username or password to work with.
    if (card.status === 'suspended' && card.username !== null && allowed.includes('active')) actions.push('reactivate');
    if (allowed.includes('revoked')) actions.push('revoke');
  }
  return actions;
}

const ACTION_ICONS = { unlock: IconLockOpen, suspend: IconPlayerPause, reactivate: IconPlayerPlay, revoke: IconBan } as const;

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder radius="md" bg="white" p="md" data-testid={testId}>
      <Title order={5} mb="sm">
        {title}
      </Title>
      <DataList size="sm" gap={10} labelWidth={164}>
        {children}
      </DataList>
    </Paper>
  );
}

/** One account: the diagnosis first, then the masked profile, contacts, status and lock, and the histories. */
export function AccountCardPanel({ id, onBack }: { id: number; onBack: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const held = useSessionView().staff.permissions;
  const now = useNow();
  const [card, setCard] = useState<AccountCard | null>(null);
  // Revealed values live in this view only: gone when the card closes (it is mounted per account).
  const [revealed, setRevealed] = useState<Partial<Record<PiiField, string>>>({});
  const [dialog, setDialog] = useState<Dialog>(null);
  const { formError, clear, report } = useFormErrors(NO_FIELDS);

  const load = useCallback(async () => {
    try {
      setCard(await call('accounts.get', { id }));
      clear();
    } catch (err) {
      report(err);
    }
  }, [id, clear, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const back = (
    <Button variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} />} onClick={onBack} mb="xs" data-testid="card-back">
      {t('accounts.card.back')}
    </Button>
  );

  if (!card) {
    return (
      <>
        {back}
        <FormAlert message={formError} />
        {!formError && (
          <Center py="xl">
            <Loader />
          </Center>
        )}
      </>
    );
  }

  const canReveal = held.includes('pii.reveal');
  const actions = actionsFor(card, held);
  const pii = (field: PiiField, masked: string | null) => (
    <PiiValue
      field={field}
      masked={masked}
      clear={revealed[field]}
      canReveal={canReveal}
      onReveal={() => setDialog({ kind: 'reveal', field })}
      onHide={() =>
        setRevealed((prev) => {
          const next = { ...prev };
          delete next[field];
          return next;
        })
      }
    />
  );

  async function reveal(field: PiiField, reason: string) {
    const { value } = await call('accounts.reveal', { id, field, reason });
    setRevealed((prev) => ({ ...prev, [field]: value }));
    setDialog(null);
  }

  async function act(action: CardAction, reason: string) {
    const next =
      action === 'unlock'
        ? await call('accounts.unlock', { id, reason })
        : await call('accounts.setStatus', { id, status: TARGET_STATUS[action], reason });
    setCard(next);
    setDialog(null);
    notifications.show({ color: 'teal', message: t(`accounts.done.${action}`, { name: next.realName }) });
  }

  return (
    <div data-testid="account-card" data-account-id={card.id}>
      {back}
      <FormAlert message={formError} />
      <Paper withBorder radius="md" bg="white" p="lg" mb="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap" mb="md">
          <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
            <Avatar color="blue" radius="xl" size={48}>
              {card.realName.slice(0, 1).toUpperCase()}
            </Avatar>
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Group gap="sm" wrap="nowrap">
                <Title order={3} fz={22} data-testid="card-name">
                  {card.realName}
                </Title>
                <AccountStatusBadges status={card.status} locked={card.locked} />
              </Group>
              <Text fz="sm" c="dimmed">
                {card.username ? (
                  <Text span className="mono" c="dark" data-testid="card-username">
                    {card.username}
                  </Text>
                ) : (
                  <Text span fs="italic">
                    {t('accounts.notActivated')}
                  </Text>
                )}{' '}
                · {t(`accounts.category.${card.category}`)} · {card.department}
              </Text>
            </Stack>
          </Group>
          {actions.length > 0 && (
            <Group gap="xs" wrap="nowrap">
              {actions.map((action) => {
                const Icon = ACTION_ICONS[action];
                return (
                  <Button
                    key={action}
                    size="xs"
                    variant={action === 'unlock' ? 'filled' : 'default'}
                    color={action === 'revoke' ? 'red' : undefined}
                    c={action === 'revoke' ? 'red.7' : undefined}
                    leftSection={<Icon size={15} />}
                    onClick={() => setDialog({ kind: 'action', action })}
                    data-testid={`card-${action}`}
                  >
                    {t(`accounts.action.${action}`)}
                  </Button>
                );
              })}
            </Group>
          )}
        </Group>
        <DiagnosisPanel diagnosis={card.diagnosis} />
      </Paper>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <Section title={t('accounts.card.profile')} testId="card-profile">
              <Item label={t('accounts.field.realName')}>{card.realName}</Item>
              <Item label={t('accounts.field.username')}>
                {card.username ? (
                  <span className="mono">{card.username}</span>
                ) : (
                  <Text span fz="sm" c="dimmed">
                    {t('accounts.notActivated')}
                  </Text>
                )}
              </Item>
              <Item label={t('accounts.field.category')}>{t(`accounts.category.${card.category}`)}</Item>
              <Item label={t('accounts.field.number')}>
                <span className="mono" data-testid="card-number">
                  {card.number ?? '—'}
                </span>
              </Item>
              <Item label={t('accounts.field.department')}>{card.department}</Item>
              <Item label={t('accounts.field.documentType')}>{t(`accounts.documentType.${card.documentType}`)}</Item>
              <Item label={t('accounts.field.documentNumber')}>{pii('document', card.documentMasked)}</Item>
              <Item label={t('accounts.card.created')}>{formatDateTime(card.createdAt, false)}</Item>
            </Section>
            <Section title={t('accounts.card.contacts')} testId="card-contacts">
              <Item label={t('accounts.field.mobile')}>{pii('mobile', card.mobileMasked)}</Item>
              <Item label={t('accounts.field.email')}>{pii('email', card.emailMasked)}</Item>
            </Section>
            <Section title={t('accounts.card.statusAndLock')} testId="card-status">
              <Item label={t('accounts.filter.status')}>
                <AccountStatusBadges status={card.status} locked={false} />
              </Item>
              {card.statusReason && (
                <Item label={t('accounts.card.statusReason')}>
                  <span data-testid="card-status-reason">{card.statusReason}</span>
                </Item>
              )}
              <Item label={t('accounts.card.lock')}>
                {card.lockedUntil ? (
                  <Text span fz="sm" c="red.8" fw={600} data-testid="card-lock">
                    {t('accounts.card.lockedUntil', {
                      time: formatClock(card.lockedUntil, now),
                      relative: relativeTime(card.lockedUntil, now, t),
                    })}
                  </Text>
                ) : (
                  <Text span fz="sm" c="dimmed" data-testid="card-lock">
                    {t('accounts.card.notLocked')}
                  </Text>
                )}
              </Item>
              <Item label={t('accounts.card.failedAttempts')}>{card.failedAttempts}</Item>
              <Item label={t('accounts.card.updated')}>{formatDateTime(card.updatedAt, false)}</Item>
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <RecoverySection card={card} onChanged={load} />
            <SignInAttempts card={card} />
            <StatusHistory card={card} />
            <AuditHistory card={card} />
          </Stack>
        </Grid.Col>
      </Grid>

      {dialog?.kind === 'reveal' && (
        <ReasonModal
          title={t('accounts.reveal.title', { field: t(`accounts.pii.${dialog.field}`), name: card.realName })}
          description={t('accounts.reveal.text')}
          confirmLabel={t('accounts.reveal.confirm')}
          onClose={() => setDialog(null)}
          onConfirm={(reason) => reveal(dialog.field, reason)}
        />
      )}
      {dialog?.kind === 'action' && (
        <ReasonModal
          title={t(`accounts.confirm.${dialog.action}.title`, { name: card.realName })}
          description={t(`accounts.confirm.${dialog.action}.text`, { name: card.realName })}
          confirmLabel={t(`accounts.action.${dialog.action}`)}
          danger={dialog.action === 'revoke' || dialog.action === 'suspend'}
          onClose={() => setDialog(null)}
          onConfirm={(reason) => act(dialog.action, reason)}
        />
      )}
    </div>
  );
}
