import { Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useI18n } from '../i18n';

/** The product's mark: icon, name and (optionally) the NIC line under it. */
export function ProductMark({ withSubtitle = false, size = 'md' }: { withSubtitle?: boolean; size?: 'md' | 'lg' }) {
  const { t } = useI18n();
  const large = size === 'lg';
  return (
    <Group gap="sm" wrap="nowrap">
      <ThemeIcon size={large ? 44 : 32} radius="md" variant="gradient" gradient={{ from: 'blue.8', to: 'cyan.6', deg: 135 }}>
        <IconShieldCheck size={large ? 26 : 20} />
      </ThemeIcon>
      <Stack gap={0}>
        <Text fw={700} fz={large ? 20 : 16} lh={1.2}>
          {t('app.name')}
        </Text>
        {withSubtitle && (
          <Text c="dimmed" fz={large ? 13 : 12}>
            {t('app.subtitle')}
          </Text>
        )}
      </Stack>
    </Group>
  );
}
