import { minutesFrom } from './format';
import type { Translate } from './index';

/** "in 12 min", "3 min ago", "in 2 h", "now": how far a time is from now, in the console's language. */
export function relativeTime(iso: string, now: Date, t: Translate): string {
  const minutes = minutesFrom(iso, now);
  if (minutes === 0) return t('time.now');
  const future = minutes > 0;
  const abs = Math.abs(minutes);
  if (abs < 120) return t(future ? 'time.inMinutes' : 'time.minutesAgo', { n: abs });
  const hours = Math.round(abs / 60);
  if (hours < 48) return t(future ? 'time.inHours' : 'time.hoursAgo', { n: hours });
  return t(future ? 'time.inDays' : 'time.daysAgo', { n: Math.round(abs / 1440) });
}
