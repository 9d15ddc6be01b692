import { Group, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { DESKS, type Desk } from '../../../../shared/desks';
import { DESK_NAMES } from '../../components/desk-names';
import { useI18n } from '../../i18n';

/** Which of the two NIC service desks this workstation stands at; every action records it. */
export function DeskPicker(props: { value: Desk | null; onChange: (desk: Desk) => void; error?: string }) {
  const { t } = useI18n();
  return (
    <Radio.Group
      value={props.value}
      onChange={(value) => props.onChange(value as Desk)}
      label={t('signIn.desk')}
      description={t('signIn.deskHint')}
      error={props.error}
    >
      <SimpleGrid cols={2} spacing="sm" mt="xs">
        {DESKS.map((desk) => (
          <Radio.Card key={desk} value={desk} p="sm" radius="md" data-testid={`desk-${desk}`}>
            <Group wrap="nowrap" align="flex-start" gap="sm">
              <Radio.Indicator mt={2} />
              <Stack gap={2}>
                <Text fw={600} fz="sm">
                  {t(DESK_NAMES[desk].campus)}
                </Text>
                <Text c="dimmed" fz="xs" lh={1.3}>
                  {t(DESK_NAMES[desk].place)}
                </Text>
              </Stack>
            </Group>
          </Radio.Card>
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}
