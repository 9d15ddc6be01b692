import { Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { VerificationCalendar } from '../../../../shared/contract/verification';
import { isIsoDate } from '../../../../shared/calendar/working-days';
import { useI18n } from '../../i18n';

type DayKind = 'working' | 'weekend' | 'holiday' | 'workday' | 'vacation';

const COLORS: Record<DayKind, { bg: string; c: string }> = {
  working: { bg: 'white', c: 'dark.7' },
  weekend: { bg: 'gray.1', c: 'gray.6' },
  holiday: { bg: 'red.1', c: 'red.8' },
  workday: { bg: 'blue.1', c: 'blue.8' },
  vacation: { bg: 'yellow.1', c: 'yellow.9' },
};

/** How the review deadline sees a day: vacations first, then make-up days, holidays, weekends. */
function kindOf(date: string, weekday: number, calendar: VerificationCalendar): DayKind {
  if (calendar.vacations.some((v) => isIsoDate(v.from) && isIsoDate(v.to) && date >= v.from && date <= v.to)) return 'vacation';
  if (calendar.workdays.some((w) => w.date === date)) return 'workday';
  if (calendar.holidays.some((h) => h.date === date)) return 'holiday';
  return weekday === 0 || weekday === 6 ? 'weekend' : 'working';
}

/** One month, Monday first, each day marked as the review deadline counts it. */
export function MonthView(props: { month: string; calendar: VerificationCalendar }) {
  const { t } = useI18n();
  const [y, m] = props.month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1, 1));
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells = [...Array<null>(lead).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  return (
    <Stack gap="xs" data-testid="month-view">
      <SimpleGrid cols={7} spacing={4}>
        {t('calendar.weekdays')
          .split(',')
          .map((w) => (
            <Text key={w} fz="xs" c="dimmed" ta="center" fw={600}>
              {w}
            </Text>
          ))}
        {cells.map((day, i) => {
          if (day === null) return <div key={`lead-${i}`} />;
          const date = `${props.month}-${String(day).padStart(2, '0')}`;
          const kind = kindOf(date, new Date(Date.UTC(y, m - 1, day)).getUTCDay(), props.calendar);
          return (
            <Paper key={date} bg={COLORS[kind].bg} withBorder radius="sm" py={6} data-testid="month-day" data-date={date} data-kind={kind}>
              <Text fz="sm" ta="center" c={COLORS[kind].c} fw={kind === 'working' ? 400 : 600}>
                {day}
              </Text>
            </Paper>
          );
        })}
      </SimpleGrid>
      <Group gap="xs">
        {(Object.keys(COLORS) as DayKind[]).map((k) => (
          <Badge key={k} variant="light" color={COLORS[k].c.split('.')[0]} radius="sm" styles={{ label: { textTransform: 'none' } }}>
            {t(`calendar.legend.${k}`)}
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}
