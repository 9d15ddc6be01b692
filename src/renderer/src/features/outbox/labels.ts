import type { NOTIFICATION_STATUSES, OutboxItem } from '../../../../shared/contract/notify';
import type { useI18n } from '../../i18n';

export { BADGE } from '../accounts/labels';

type Status = (typeof NOTIFICATION_STATUSES)[number];

export const STATUS_COLORS = {
  queued: 'blue',
  sending: 'indigo',
  sent: 'teal',
  failed: 'red',
  cancelled: 'gray',
} as const satisfies Record<Status, string>;

/** In delivery order (a new status in the contract fails typecheck in STATUS_COLORS until it is listed). */
export const STATUSES = Object.keys(STATUS_COLORS) as Status[];
export const CHANNELS: readonly OutboxItem['channel'][] = ['email', 'sms'];

/** A template's name in the console's language; a template this console does not know shows as its id. */
export function templateLabel(template: string, i18n: Pick<ReturnType<typeof useI18n>, 'tDynamic'>): string {
  return i18n.tDynamic(`outbox.template.${template}`, template);
}

/** Whether a message will change by itself soon, so the screen keeps looking. */
export const inFlight = (item: Pick<OutboxItem, 'status'>) => item.status === 'queued' || item.status === 'sending';
