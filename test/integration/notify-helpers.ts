import type { Input } from '../../src/shared/contract';
import { Dispatcher } from '../../src/main/notify/dispatcher';
import { type NotificationRequest, enqueueNotification, openNotificationParams } from '../../src/main/notify/outbox';
import { type NotificationRow, findNotification } from '../../src/main/notify/outbox-repository';
import type { SessionCarrier } from '../../src/main/rpc/context';
import { ADMIN_PASSWORD, type TestDesk, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';

/** What the notification tests share: a desk, its signed-in admin, and a dispatcher the test runs pass by pass. */
export interface NotifyDesk {
  t: TestDesk;
  jar: SessionCarrier;
  dispatcher: Dispatcher;
}

/**
 * The desk's own dispatcher is stopped, so that nothing is sent behind the test's back; the
 * test's dispatcher reads the same store through the same clock, with jitter fixed at the middle.
 */
export async function openNotifyDesk(): Promise<NotifyDesk> {
  const t = await openTestDesk();
  await t.desk.notifications.stop();
  const { jar } = await signInFirstAdmin(t);
  const dispatcher = new Dispatcher({ store: t.desk.store, dataKey: t.desk.dataKey, log: t.desk.log, clock: () => t.clock.now, random: () => 0.5 });
  return { t, jar, dispatcher };
}

export const ACTIVATION: NotificationRequest<'activation_code'> = {
  channel: 'email',
  to: 'li.hua@example.edu.cn',
  language: 'zh-CN',
  template: 'activation_code',
  params: { name: '李华', code: 'ABCD-EFGH-JKLM', expiresAt: '2026-11-23T04:00:00.000Z', url: 'http://127.0.0.1:7381/activate' },
  subjectRef: 'account:1',
};

export function queue(t: TestDesk, request: NotificationRequest): Promise<number> {
  return t.desk.store.write((repos) => enqueueNotification(repos, t.desk.dataKey, request, t.clock.now));
}

export async function row(t: TestDesk, id: number): Promise<NotificationRow> {
  return (await findNotification(t.desk.db.reader, id))!;
}

export async function paramsOf(t: TestDesk, id: number): Promise<Record<string, string>> {
  return openNotificationParams(t.desk.dataKey, (await row(t, id)).params_sealed);
}

type Settings = Input<'notify.settings.update'>;

/** Saves delivery settings over what is saved now. */
export async function configure(n: NotifyDesk, patch: Partial<Settings>) {
  const { smtpPasswordSet: _p, smsApiKeySet: _k, updatedAt: _u, ...current } = await n.t.call('notify.settings.get', {}, n.jar);
  return n.t.call('notify.settings.update', { ...current, ...patch }, n.jar);
}

/** Lets time pass on the desk's clock; the admin's workstation locked itself meanwhile, and is unlocked. */
export async function later(n: NotifyDesk, ms: number) {
  n.t.clock.advance(ms);
  await n.t.call('auth.unlock', { password: ADMIN_PASSWORD }, n.jar);
}
