import { Button, Group, Text } from '@mantine/core';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import type { PII_FIELDS } from '../../../../shared/contract/accounts';
import { useI18n } from '../../i18n';

export type PiiField = (typeof PII_FIELDS)[number];

/** A masked value; with `pii.reveal`, a Reveal button next to it, and the clear value (for this view only) once revealed. */
export function PiiValue(props: {
  field: PiiField;
  masked: string | null;
  clear: string | undefined;
  canReveal: boolean;
  onReveal: () => void;
  onHide: () => void;
}) {
  const { t } = useI18n();
  if (props.masked === null) {
    return (
      <Text fz="sm" c="dimmed" data-testid={`pii-${props.field}`}>
        {t('accounts.card.noValue')}
      </Text>
    );
  }
  const revealed = props.clear !== undefined;
  return (
    <Group gap="xs" wrap="nowrap">
      <Text
        fz="sm"
        className="mono"
        fw={revealed ? 600 : undefined}
        c={revealed ? 'red.8' : undefined}
        style={{ wordBreak: 'break-all' }}
        data-testid={`pii-${props.field}`}
        data-revealed={revealed}
      >
        {props.clear ?? props.masked}
      </Text>
      {props.canReveal &&
        (revealed ? (
          <Button size="compact-xs" variant="subtle" color="gray" leftSection={<IconEyeOff size={13} />} onClick={props.onHide}>
            {t('accounts.reveal.hide')}
          </Button>
        ) : (
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconEye size={13} />}
            onClick={props.onReveal}
            data-testid={`reveal-${props.field}`}
          >
            {t('accounts.reveal.button')}
          </Button>
        ))}
    </Group>
  );
}
