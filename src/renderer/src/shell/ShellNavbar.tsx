import { AppShell, Divider, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { type MessageKey, useI18n } from '../i18n';
import type { Area, AreaId } from './areas';

const SECTIONS: { group: Area['group']; label: MessageKey | null }[] = [
  { group: 'counter', label: 'nav.section.counter' },
  { group: 'interface', label: 'nav.section.interface' },
  { group: 'work', label: 'nav.section.work' },
  { group: 'personal', label: null },
];

export function ShellNavbar(props: { areas: Area[]; current: AreaId; onNavigate: (id: AreaId) => void }) {
  const { t } = useI18n();
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
  const sections = SECTIONS.map((s) => ({ ...s, areas: props.areas.filter((a) => a.group === s.group) })).filter(
    (s) => s.areas.length > 0,
  );
  return (
    <AppShell.Navbar p="sm" pr={4} bg="white" aria-label={t('nav.label')}>
      {/* An administrator holds every area: on a 768-pixel screen the list scrolls rather than runs off. */}
      <AppShell.Section grow component={ScrollArea} type="auto" offsetScrollbars="y">
        <Stack gap={2} component="nav">
          {sections.map((section, i) => (
            <Stack gap={2} key={section.group}>
              {i > 0 && <Divider my="sm" />}
              {section.label && (
                <Text fz={11} fw={600} c="dimmed" tt="uppercase" px="sm" pt={4} pb={6}>
                  {t(section.label)}
                </Text>
              )}
              {section.areas.map(link)}
            </Stack>
          ))}
        </Stack>
      </AppShell.Section>
    </AppShell.Navbar>
  );
}
