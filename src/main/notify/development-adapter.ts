import type { NotificationAdapter, SendResult } from './adapter';

/**
 * Nothing leaves the machine: the message counts as delivered to the desk's outbox screen,
 * where staff holding `outbox.view` read it (with its code, until the code expires).
 */
export const developmentAdapter: NotificationAdapter = {
  name: 'development',
  async send(): Promise<SendResult> {
    return { outcome: 'sent' };
  },
};
