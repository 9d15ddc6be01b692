import { Badge, Tooltip } from '@mantine/core';
import { IconMapPin } from '@tabler/icons-react';
import type { Desk } from '../../../shared/desks';
import { useI18n } from '../i18n';
import { DESK_NAMES } from './desk-names';

export function DeskBadge({ desk }: { desk: Desk }) {
  const { t } = useI18n();
  const names = DESK_NAMES[desk];
  return (
    <Tooltip label={`${t(names.campus)} · ${t(names.place)}`}>
      <Badge
        variant="light"
        color="teal"
        size="lg"
        radius="sm"
        leftSection={<IconMapPin size={14} />}
        data-testid="desk-badge"
        styles={{ label: { textTransform: 'none' } }}
      >
        {t(names.campus)}
      </Badge>
    </Tooltip>
  );
}
