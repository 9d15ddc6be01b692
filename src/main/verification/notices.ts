import type { Language } from '../../shared/contract/common';
import type { RejectionReason } from '../../shared/verification/terms';

/** The rejection reason as the applicant reads it in their notice (the reviewer's note stays internal). */
const REJECTION_TEXT: Record<Language, Record<RejectionReason, string>> = {
  'zh-CN': {
    not_in_registry: '未在毕业生名册中找到与您相符的学籍记录',
    record_mismatch: '您填写的学籍信息与学校记录不一致',
    documents_unreadable: '上传的证件照片或证明材料无法辨认',
    identity_unconfirmed: '无法确认您的身份',
    not_eligible: '您不符合办理条件（须曾在本校接受学位教育）',
    account_exists: '您已有 jAccount 账号，请直接登录或找回账号',
    other: '材料不符合要求，请联系学院或网络信息中心',
  },
  en: {
    not_in_registry: 'no matching record was found in the graduate registry',
    record_mismatch: 'the academic record you gave differs from the school’s records',
    documents_unreadable: 'the ID photo or the proof you uploaded cannot be read',
    identity_unconfirmed: 'your identity could not be confirmed',
    not_eligible: 'you are not eligible (a degree education at the university is required)',
    account_exists: 'you already have a jAccount: sign in, or recover it',
    other: 'the application does not meet the requirements; contact your school or the NIC',
  },
};

export function rejectionText(language: Language, reason: RejectionReason): string {
  return REJECTION_TEXT[language][reason];
}

/** Where an applicant's notices go: their email when they gave one, else their mobile. */
export function noticeContact(contacts: { mobile: string | null; email: string | null }): { channel: 'email' | 'sms'; to: string } {
  if (contacts.email) return { channel: 'email', to: contacts.email };
  return { channel: 'sms', to: contacts.mobile! };
}
