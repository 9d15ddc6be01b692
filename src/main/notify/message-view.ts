import type { Language } from '../../shared/contract/common';
import type { CODE_STATES, OutboxDetail } from '../../shared/contract/notify';
import type { DataKey } from '../crypto/data-key';
import { CODE_PARAM, CODE_TEMPLATES, type TemplateParams, openNotificationParams } from './outbox';
import { type NotificationRow, toOutboxItem } from './outbox-repository';
import { isTemplate, renderMessage } from './templates';

type CodeState = (typeof CODE_STATES)[number];

const MARKERS: Record<Exclude<CodeState, 'none' | 'shown'>, Record<Language, string>> = {
  withheld: { 'zh-CN': '••••••', en: '••••••' },
  scrubbed: { 'zh-CN': '〔已删除〕', en: '[removed]' },
};

/**
 * Whether the screen may show a message's code: only a message the development adapter
 * delivered (the screen is its destination), and only until the code is scrubbed.
 */
export function codeStateOf(row: NotificationRow, params: Record<string, string>): CodeState {
  if (row.scrubbed_at || !(CODE_PARAM in params)) return 'scrubbed';
  return row.status === 'sent' && row.adapter === 'development' ? 'shown' : 'withheld';
}

/** The message as the outbox screen shows it: rendered in its own language, the code only where it may be read. */
export function messageDetail(dataKey: DataKey, row: NotificationRow): OutboxDetail {
  const item = toOutboxItem(row);
  if (!isTemplate(row.template)) return { ...item, subject: null, body: `(${row.template})`, codeState: 'none' };
  const params = openNotificationParams(dataKey, row.params_sealed);
  const codeState = CODE_TEMPLATES.has(row.template) ? codeStateOf(row, params) : 'none';
  if (codeState === 'withheld' || codeState === 'scrubbed') params[CODE_PARAM] = MARKERS[codeState][row.language];
  const rendered = renderMessage(row.template, row.language, row.channel, params as unknown as TemplateParams[typeof row.template]);
  return { ...item, subject: rendered.subject, body: rendered.text, codeState };
}
