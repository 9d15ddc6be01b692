import { Badge, Group } from '@mantine/core';
import type { ApplicationState, ClientStatus } from '../../../../shared/contract/clients';
import { useI18n } from '../../i18n';
import { BADGE, CLIENT_STATUS_COLORS, STATE_COLORS } from './labels';

/** The application's state and, once a client is issued, whether it works. */
export function StateBadges(props: { state: ApplicationState; clientStatus: ClientStatus | null }) {
  const { t } = useI18n();
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={STATE_COLORS[props.state]} {...BADGE} data-testid="application-state" data-state={props.state}>
        {t(`clients.state.${props.state}`)}
      </Badge>
      {props.clientStatus && props.clientStatus !== 'enabled' && (
        <Badge
          color={CLIENT_STATUS_COLORS[props.clientStatus]}
          {...BADGE}
          variant="outline"
          data-testid="client-status"
          data-status={props.clientStatus}
        >
          {t(`clients.clientStatus.${props.clientStatus}`)}
        </Badge>
      )}
    </Group>
  );
}
