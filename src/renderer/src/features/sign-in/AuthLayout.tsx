import { Box, Center, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { ProductMark } from '../../components/ProductMark';
import { useI18n } from '../../i18n';

/** The frame of every sign-in screen: product mark, one centered card, the language switch. */
export function AuthLayout({ children, width = 440 }: { children: ReactNode; width?: number }) {
  const { t } = useI18n();
  return (
    <Box
      mih="100%"
      style={{
        display: 'flex',
        flexDirection: 'column',
        background:
          'radial-gradient(ellipse at top left, var(--mantine-color-blue-0), transparent 60%), ' +
          'radial-gradient(ellipse at bottom right, var(--mantine-color-cyan-0), transparent 55%), var(--mantine-color-gray-0)',
      }}
    >
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center style={{ flex: 1 }} px="md" pb="xl">
        <Stack gap="lg" w="100%" maw={width}>
          <Center>
            <ProductMark withSubtitle size="lg" />
          </Center>
          <Paper withBorder shadow="sm" radius="lg" p={32} w="100%">
            {children}
          </Paper>
          <Text ta="center" c="dimmed" fz="xs">
            {t('app.footer')}
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
