import { Checkbox, Group, Stack, Text } from '@mantine/core';
import type { Scope } from '../../../../shared/oauth/scopes';
import { useI18n } from '../../i18n';
import { SCOPE_LIST } from './labels';

/** Scopes to ask for or approve, each with what it releases; `offered` narrows the choice (approval: what was asked). */
export function ScopeChoice(props: {
  value: Scope[];
  onChange: (scopes: Scope[]) => void;
  error?: string;
  offered?: readonly Scope[];
  label?: string;
}) {
  const { t } = useI18n();
  const offered = props.offered ?? SCOPE_LIST;
  return (
    <Checkbox.Group
      label={props.label ?? t('clients.field.scopes')}
      value={props.value}
      onChange={(value) => props.onChange(SCOPE_LIST.filter((s) => value.includes(s)))}
      error={props.error}
      data-testid="scopes"
    >
      <Stack gap={6} mt={6}>
        {offered.map((scope) => (
          <Checkbox
            key={scope}
            value={scope}
            label={
              <Group gap={6} wrap="nowrap">
                <Text span fz="sm" className="mono">
                  {scope}
                </Text>
                <Text span fz="sm">
                  {t(`clients.scope.${scope}`)}
                </Text>
              </Group>
            }
            data-testid={`scope-${scope}`}
          />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}
