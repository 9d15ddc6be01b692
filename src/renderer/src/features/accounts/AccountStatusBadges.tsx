import { Badge, Group, Stack } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { AccountStatus } from '../../../../shared/identity/account';
import { useI18n } from '../../i18n';
import { BADGE, STATUS_COLORS } from './labels';

export function AccountStatusBadges(props: { status: AccountStatus; locked: boolean; stacked?: boolean }) {
  const { t } = useI18n();
  const { status, locked } = props;
  const Wrap = props.stacked ? Stack : Group;
  return (
    <Wrap gap={4} wrap="nowrap" align={props.stacked ? 'flex-start' : undefined}>
      <Badge color={STATUS_COLORS[status]} {...BADGE} data-testid="account-status" data-status={status}>
        {t(`accounts.status.${status}`)}
      </Badge>
      {locked && (
        <Badge color="red" {...BADGE} variant="filled" leftSection={<IconLock size={11} />} data-testid="account-locked">
          {t('accounts.status.locked')}
        </Badge>
      )}
    </Wrap>
  );
}
