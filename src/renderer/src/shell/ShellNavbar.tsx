import { AppShell, Divider, NavLink, Stack, Text } from '@mantine/core';
import { useI18n } from '../i18n';
import type { Area, AreaId } from './areas';

export function ShellNavbar(props: { areas: Area[]; current: AreaId; onNavigate: (id: AreaId) => void }) {
  const { t } = useI18n();
  const work = props.areas.filter((a) => a.group === 'work');
  const personal = props.areas.filter((a) => a.group === 'personal');
  const link = (area: Area) => (
    <NavLink
      key={area.id}
      href={`#/${area.id}`}
      label={t(area.label)}
      leftSection={<area.icon size={20} stroke={1.6} />}
      active={area.id === props.current}
      onClick={(e) => {
        e.preventDefault();
        props.onNavigate(area.id);
      }}
      variant="light"
      styles={{ root: { borderRadius: 'var(--mantine-radius-md)' }, label: { fontSize: 'var(--mantine-font-size-sm)', fontWeight: 500 } }}
      data-testid={`nav-${area.id}`}
    />
  );
  return (
    <AppShell.Navbar p="sm" bg="white" aria-label={t('nav.label')}>
      <Stack gap={2} component="nav">
        {work.length > 0 && (
          <Text fz={11} fw={600} c="dimmed" tt="uppercase" px="sm" pt={4} pb={6}>
            {t('nav.section.work')}
          </Text>
        )}
        {work.map(link)}
        {work.length > 0 && <Divider my="sm" />}
        {personal.map(link)}
      </Stack>
    </AppShell.Navbar>
  );
}
