import { Badge, Group, Tooltip } from '@mantine/core';
import type { StaffView } from '../../../../shared/contract/staff';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';

const badge = { radius: 'sm', variant: 'light', styles: { label: { textTransform: 'none' } } } as const;

/** Disabled / locked until / must change password / active. */
export function StaffStatus({ staff }: { staff: StaffView }) {
  const { t } = useI18n();
  const items = [];
  if (staff.disabled) {
    items.push(
      <Tooltip key="disabled" label={staff.disabledReason ?? ''} disabled={!staff.disabledReason} multiline maw={280}>
        <Badge color="red" {...badge}>
          {t('staff.status.disabled')}
        </Badge>
      </Tooltip>,
    );
  }
  if (staff.lockedUntil) {
    items.push(
      <Badge key="locked" color="orange" {...badge}>
        {t('staff.status.lockedUntil', { until: formatDateTime(staff.lockedUntil, false) })}
      </Badge>,
    );
  }
  if (staff.mustChangePassword) {
    items.push(
      <Badge key="change" color="yellow" {...badge}>
        {t('staff.status.mustChangePassword')}
      </Badge>,
    );
  }
  if (items.length === 0) {
    items.push(
      <Badge key="active" color="teal" {...badge}>
        {t('staff.status.active')}
      </Badge>,
    );
  }
  return <Group gap={4}>{items}</Group>;
}
