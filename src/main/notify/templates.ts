import type { Language } from '../../shared/contract/common';
import type { NotificationTemplate, TemplateParams } from './outbox';

/*
 * Every message the desk sends, in both languages: an email (subject and plain text) and a
 * short SMS signed as the university. Each says what the person needs and nothing more: no
 * document numbers, no other contact, no account details beyond what the message is about.
 */

export interface RenderedMessage {
  subject: string | null;
  text: string;
}

export const SMS_SIGNATURE: Record<Language, string> = { 'zh-CN': '【上海交通大学】', en: '[SJTU jAccount] ' };

const NIC: Record<Language, string> = { 'zh-CN': '上海交通大学 网络信息中心', en: 'Network & Information Center, Shanghai Jiao Tong University' };
const DESKS: Record<Language, string> = {
  'zh-CN': '服务台：闵行校区图书信息楼一楼，徐汇校区第三教学楼一楼。',
  en: 'Service desks: Minhang, Library & Information Building 1F; Xuhui, Teaching Building No. 3 1F.',
};

/** `2026-11-24 10:00`, Beijing time, the same in both languages. */
export function beijingTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

type Texts<P> = { email: (p: P) => { subject: string; lines: string[] }; sms: (p: P) => string };
type Table = { [T in NotificationTemplate]: Record<Language, Texts<TemplateParams[T]>> };

/** An application turned down: the reason goes in the email only; the SMS points to it (and to the desks). */
function rejection(subject: Record<Language, string>, what: Record<Language, string>): Record<Language, Texts<{ name: string; reason: string }>> {
  return {
    'zh-CN': {
      email: (p) => ({
        subject: subject['zh-CN'],
        lines: [`${p.name}，您好：`, '', `您的${what['zh-CN']}未通过，原因：${p.reason}`, '', `如有疑问，请携带身份证件到服务台咨询。${DESKS['zh-CN']}`],
      }),
      sms: () => `jAccount ${what['zh-CN']}未通过，原因见邮件，或携带证件到服务台咨询。`,
    },
    en: {
      email: (p) => ({
        subject: subject.en,
        lines: [`Dear ${p.name},`, '', `Your ${what.en} was not approved. Reason: ${p.reason}`, '', `For questions, bring your ID document to a service desk. ${DESKS.en}`],
      }),
      sms: () => `Your jAccount ${what.en} was not approved. See the email for the reason, or ask at a service desk.`,
    },
  };
}

const TEXTS: Table = {
  activation_code: {
    'zh-CN': {
      email: (p) => ({
        subject: '激活您的 jAccount',
        lines: [
          `${p.name}，您好：`,
          '',
          '您的 jAccount 激活码是：',
          '',
          `    ${p.code}`,
          '',
          `请在 ${beijingTime(p.expiresAt)}（北京时间）前打开下面的页面，输入激活码，设置您的用户名和密码：`,
          p.url,
          '',
          '激活码只能使用一次。请勿告诉任何人，工作人员不会向您索要。如果您没有申请 jAccount，请忽略本邮件。',
        ],
      }),
      sms: (p) => `jAccount 激活码 ${p.code}，${beijingTime(p.expiresAt)} 前有效，请勿告诉他人。`,
    },
    en: {
      email: (p) => ({
        subject: 'Activate your jAccount',
        lines: [
          `Dear ${p.name},`,
          '',
          'Your jAccount activation code is:',
          '',
          `    ${p.code}`,
          '',
          `Before ${beijingTime(p.expiresAt)} (Beijing time), open the page below, enter the code and choose your username and password:`,
          p.url,
          '',
          'The code works once. Do not share it: no staff member will ever ask for it. If you did not apply for a jAccount, ignore this email.',
        ],
      }),
      sms: (p) => `jAccount activation code ${p.code}, valid until ${beijingTime(p.expiresAt)} Beijing time, once only. Do not share it.`,
    },
  },
  verification_rejected: rejection(
    { 'zh-CN': '您的 jAccount 身份核验申请未通过', en: 'Your jAccount identity verification was not approved' },
    { 'zh-CN': '身份核验申请', en: 'identity verification' },
  ),
  password_reset_code: {
    'zh-CN': {
      email: (p) => ({
        subject: 'jAccount 密码重置验证码',
        lines: [
          '您正在重置 jAccount 密码，验证码是：',
          '',
          `    ${p.code}`,
          '',
          `${p.minutes} 分钟内有效，仅可使用一次。请勿告诉任何人。`,
          '如果不是您本人操作，请忽略本邮件，您的密码不会改变。',
        ],
      }),
      sms: (p) => `jAccount 密码重置验证码 ${p.code}，${p.minutes} 分钟内有效。请勿告诉他人，非本人操作请忽略。`,
    },
    en: {
      email: (p) => ({
        subject: 'Your jAccount password reset code',
        lines: [
          'You asked to reset your jAccount password. Your code is:',
          '',
          `    ${p.code}`,
          '',
          `It is valid for ${p.minutes} minutes and works once. Do not share it.`,
          'If this was not you, ignore this email: your password stays as it is.',
        ],
      }),
      sms: (p) => `jAccount password reset code ${p.code}, valid ${p.minutes} min. Do not share it. Not you? Ignore this message.`,
    },
  },
  username_reminder: {
    'zh-CN': {
      email: (p) => ({
        subject: '您的 jAccount 用户名',
        lines: [`${p.name}，您好：`, '', `您的 jAccount 用户名是：${p.username}`, '', '如果不是您本人查询，请忽略本邮件。'],
      }),
      sms: (p) => `您的 jAccount 用户名是 ${p.username}。非本人查询请忽略。`,
    },
    en: {
      email: (p) => ({
        subject: 'Your jAccount username',
        lines: [`Dear ${p.name},`, '', `Your jAccount username is: ${p.username}`, '', 'If you did not ask for it, ignore this email.'],
      }),
      sms: (p) => `Your jAccount username is ${p.username}. Did not ask? Ignore this message.`,
    },
  },
  password_changed: {
    'zh-CN': {
      email: (p) => ({
        subject: '您的 jAccount 密码已修改',
        lines: [
          `您的 jAccount（${p.username}）密码已于 ${beijingTime(p.at)}（北京时间）修改。`,
          '',
          `如果不是您本人操作，请立即携带身份证件到服务台处理。${DESKS['zh-CN']}`,
        ],
      }),
      sms: (p) => `您的 jAccount 密码已于 ${beijingTime(p.at)} 修改。非本人操作请立即携带证件到服务台处理。`,
    },
    en: {
      email: (p) => ({
        subject: 'Your jAccount password was changed',
        lines: [
          `The password of your jAccount (${p.username}) was changed at ${beijingTime(p.at)} (Beijing time).`,
          '',
          `If this was not you, bring your ID document to a service desk at once. ${DESKS.en}`,
        ],
      }),
      sms: (p) => `Your jAccount password was changed at ${beijingTime(p.at)} Beijing time. Not you? Go to a service desk with your ID at once.`,
    },
  },
  contact_change_approved: {
    'zh-CN': {
      email: (p) => ({
        subject: 'jAccount 联系方式已变更',
        lines: [`${p.name}，您好：`, '', `您为 jAccount（${p.username}）申请的联系方式变更已通过。今后的通知将发送到这里。`],
      }),
      sms: (p) => `jAccount（${p.username}）联系方式变更已通过，今后的通知将发送到本号码。`,
    },
    en: {
      email: (p) => ({
        subject: 'Your jAccount contact was changed',
        lines: [`Dear ${p.name},`, '', `The contact change you applied for on your jAccount (${p.username}) was approved. Notices will come here from now on.`],
      }),
      sms: (p) => `Contact change for jAccount ${p.username} approved: notices will come to this number from now on.`,
    },
  },
  contact_change_rejected: rejection(
    { 'zh-CN': '您的 jAccount 联系方式变更申请未通过', en: 'Your jAccount contact change was not approved' },
    { 'zh-CN': '联系方式变更申请', en: 'contact change' },
  ),
  test_message: {
    'zh-CN': {
      email: () => ({ subject: 'jAccount 服务台测试邮件', lines: ['这是 jAccount 服务台发送的测试邮件。收到即说明邮件发送设置可用，无需回复。'] }),
      sms: () => 'jAccount 服务台测试短信，收到即说明短信发送设置可用。',
    },
    en: {
      email: () => ({ subject: 'jAccount Service Desk test email', lines: ['This is a test email from the jAccount Service Desk. If it reached you, the email settings work. No reply is needed.'] }),
      sms: () => 'jAccount Service Desk test message: the SMS settings work.',
    },
  },
};

export function isTemplate(name: string): name is NotificationTemplate {
  return Object.prototype.hasOwnProperty.call(TEXTS, name);
}

/** The message for one channel and language: emails end with the NIC's signature, SMS start with the university's. */
export function renderMessage<T extends NotificationTemplate>(
  template: T,
  language: Language,
  channel: 'email' | 'sms',
  params: TemplateParams[T],
): RenderedMessage {
  const texts = TEXTS[template][language] as Texts<TemplateParams[T]>;
  if (channel === 'sms') return { subject: null, text: `${SMS_SIGNATURE[language]}${texts.sms(params)}` };
  const { subject, lines } = texts.email(params);
  return { subject, text: [...lines, '', NIC[language], ''].join('\n') };
}
