import type { notifyChannels } from '../../shared/contract/notify';
import { DeskError, fieldError } from '../../shared/errors';
import { normalizeEmail, normalizeMobile } from '../../shared/identity/contacts';
import type { DeskServices } from '../desk-services';
import type { CallContext, Handlers } from '../rpc/context';
import { messageDetail } from './message-view';
import { readNotifyConfig, settingsView, writeNotifyConfig } from './notify-config';
import { notifySettingsProblems } from './notify-validation';
import { CODE_PARAM, announceQueued, enqueueNotification, openNotificationParams, scrubCode } from './outbox';
import {
  type NotificationRow,
  toOutboxItem,
} from './outbox-repository';

type Channels = keyof typeof notifyChannels;

function refuse(row: NotificationRow, action: string, reason: string): DeskError {
  return new DeskError('CONFLICT', `id: a message that is ${row.status} cannot be ${action}`, { params: { reason, status: row.status } });
}

export function notifyHandlers(services: DeskServices): Handlers<Channels> {
  const { dataKey } = services;

  async function mustFind(ctx: CallContext, id: number): Promise<NotificationRow> {
    const row = await ctx.repos.outbox.findNotification(id);
    if (!row) throw new DeskError('NOT_FOUND', `id: no message with id ${id}`);
    ctx.audit.target = `notification:${id}`;
    return row;
  }

  return {
    async 'outbox.list'(input, ctx) {
      const { rows, total } = await ctx.repos.outbox.listNotifications(input, input.page, input.pageSize);
      const { options } = await readNotifyConfig(ctx.repos, dataKey);
      const developmentChannels = [
        ...(options.emailAdapter === 'development' ? (['email'] as const) : []),
        ...(options.smsAdapter === 'development' ? (['sms'] as const) : []),
      ];
      return { items: rows.map(toOutboxItem), total, developmentChannels };
    },

    async 'outbox.get'(input, ctx) {
      const detail = messageDetail(dataKey, await mustFind(ctx, input.id));
      ctx.audit.detail = { template: detail.template, codeState: detail.codeState };
      return detail;
    },

    async 'outbox.retry'(input, ctx) {
      const row = await mustFind(ctx, input.id);
      ctx.audit.detail = { from: row.status, attempts: row.attempts };
      if (row.status === 'sent' || row.status === 'sending') {
        throw refuse(row, 'sent again', row.status === 'sent' ? 'outbox_already_sent' : 'outbox_in_progress');
      }
      if (row.scrubbed_at) throw refuse(row, 'sent again (its one-time code is gone)', 'outbox_code_gone');
      await ctx.repos.outbox.requeueNotification(row.id, ctx.now);
      announceQueued();
      return toOutboxItem((await ctx.repos.outbox.findNotification(row.id))!);
    },

    async 'outbox.cancel'(input, ctx) {
      const row = await mustFind(ctx, input.id);
      ctx.audit.detail = { from: row.status, reason: input.reason };
      if (row.status !== 'queued' && row.status !== 'failed') throw refuse(row, 'cancelled', 'outbox_not_cancellable');
      if (!row.scrubbed_at && CODE_PARAM in openNotificationParams(dataKey, row.params_sealed)) await scrubCode(ctx.repos, dataKey, row, ctx.now);
      await ctx.repos.outbox.cancelNotification(row.id);
      return toOutboxItem((await ctx.repos.outbox.findNotification(row.id))!);
    },

    async 'notify.settings.get'(_input, ctx) {
      return settingsView(await readNotifyConfig(ctx.repos, dataKey));
    },

    async 'notify.settings.update'(input, ctx) {
      ctx.audit.target = 'settings:notifications';
      const before = await readNotifyConfig(ctx.repos, dataKey);
      const issues = notifySettingsProblems(input, before.secrets.smtpPassword !== null);
      if (issues.length) {
        throw new DeskError('VALIDATION', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { fields: issues });
      }
      const { smtpPassword, smsApiKey, ...options } = input;
      const changed: string[] = (Object.keys(options) as (keyof typeof options)[]).filter((k) => options[k] !== before.options[k]);
      // Secrets: only that they changed, never their value.
      if (smtpPassword !== undefined) changed.push(smtpPassword === null ? 'smtpPassword:removed' : 'smtpPassword:replaced');
      if (smsApiKey !== undefined) changed.push(smsApiKey === null ? 'smsApiKey:removed' : 'smsApiKey:replaced');
      ctx.audit.detail = { changed, emailAdapter: options.emailAdapter, smsAdapter: options.smsAdapter };
      await writeNotifyConfig(ctx.repos, dataKey, options, { smtpPassword, smsApiKey }, ctx.now);
      return settingsView(await readNotifyConfig(ctx.repos, dataKey));
    },

    async 'notify.sendTest'(input, ctx) {
      const to = input.channel === 'email' ? normalizeEmail(input.to)?.toLowerCase() : normalizeMobile(input.to);
      if (!to) {
        throw fieldError('to', input.channel === 'email' ? 'email' : 'mobile', `is not ${input.channel === 'email' ? 'an email address' : 'a mobile number'}`);
      }
      const id = await enqueueNotification(
        ctx.repos,
        dataKey,
        { channel: input.channel, to, language: input.language, template: 'test_message', params: {}, subjectRef: 'settings:notifications' },
        ctx.now,
      );
      const row = (await ctx.repos.outbox.findNotification(id))!;
      ctx.audit.target = `notification:${id}`;
      ctx.audit.detail = { channel: input.channel, to: row.recipient_masked };
      return { id, recipientMasked: row.recipient_masked };
    },

    async 'notify.testStatus'(input, ctx) {
      const row = await ctx.repos.outbox.findNotification(input.id);
      if (!row || row.template !== 'test_message') throw new DeskError('NOT_FOUND', `id: no test message with id ${input.id}`);
      const { id, status, attempts, lastError, adapter, sentAt } = toOutboxItem(row);
      return { id, status, attempts, lastError, adapter, sentAt };
    },
  };
}
