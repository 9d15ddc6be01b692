import { AppShell, Button, Group } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { DeskBadge } from '../components/DeskBadge';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ProductMark } from '../components/ProductMark';
import { useI18n } from '../i18n';
import { useSessionView } from '../session/SessionProvider';
import { useLock } from '../session/use-lock';
import type { AreaId } from './areas';
import { UserMenu } from './UserMenu';

export function ShellHeader({ onNavigate }: { onNavigate: (id: AreaId) => void }) {
  const { t } = useI18n();
  const view = useSessionView();
  const lock = useLock();
  return (
    <AppShell.Header px="md">
      <Group h="100%" justify="space-between" wrap="nowrap">
        <Group gap="lg" wrap="nowrap">
          <ProductMark />
          <DeskBadge desk={view.desk} />
        </Group>
        <Group gap="sm" wrap="nowrap">
          <LanguageSwitch />
          <Button
            variant="default"
            size="xs"
            leftSection={<IconLock size={15} />}
            onClick={() => void lock()}
            data-testid="lock-button"
          >
            {t('shell.lock')}
          </Button>
          <UserMenu onNavigate={onNavigate} />
        </Group>
      </Group>
    </AppShell.Header>
  );
}
