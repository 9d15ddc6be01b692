import { Badge, Tooltip } from '@mantine/core';
import type { KeyState } from '../../../../shared/signing-keys';
import { useI18n } from '../../i18n';

export const STATE_COLORS = {
  next: 'blue',
  active: 'teal',
  retired: 'gray',
  removed: 'dark',
  revoked: 'red',
} as const satisfies Record<KeyState, string>;

export function KeyStateBadge({ state }: { state: KeyState }) {
  const { t } = useI18n();
  return (
    <Tooltip label={t(`keys.stateHint.${state}`)} multiline maw={280}>
      <Badge
        color={STATE_COLORS[state]}
        variant={state === 'active' ? 'filled' : 'light'}
        radius="sm"
        styles={{ root: { minWidth: 'max-content' }, label: { textTransform: 'none' } }}
        data-testid="key-state"
        data-state={state}
      >
        {t(`keys.state.${state}`)}
      </Badge>
    </Tooltip>
  );
}
