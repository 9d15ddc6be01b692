import type { Diagnosis } from '../../../../shared/contract/accounts';
import type { useI18n } from '../../i18n';
import { formatClock, formatDateTime } from '../../i18n/format';
import { relativeTime } from '../../i18n/relative';

type I18n = Pick<ReturnType<typeof useI18n>, 't' | 'tDynamic'>;

export interface DiagnosisText {
  color: string;
  title: string;
  detail: string | null;
  next: string;
}

/** Turns the desk's diagnosis into the answer to "I failed to log in": what is wrong, in plain words, and what to do. */
export function describeDiagnosis(d: Diagnosis, i18n: I18n, now: Date): DiagnosisText {
  const { t, tDynamic } = i18n;
  const at = (iso: string) => ({ time: formatClock(iso, now), relative: relativeTime(iso, now, t) });
  switch (d.code) {
    case 'ok':
      return { color: 'teal', title: t('diagnosis.ok.title'), detail: null, next: t('diagnosis.ok.next') };
    case 'wrong_password':
      return {
        color: 'orange',
        title: t('diagnosis.wrong_password.title', { count: d.failedAttempts }),
        detail: null,
        next: t('diagnosis.wrong_password.next'),
      };
    case 'locked': {
      const until = d.lockedUntil ?? '';
      const lifted = until !== '' && new Date(until) <= now;
      return {
        color: lifted ? 'gray' : 'red',
        title: t(lifted ? 'diagnosis.locked.liftedTitle' : 'diagnosis.locked.title', at(until)),
        detail: null,
        next: t(lifted ? 'diagnosis.locked.liftedNext' : 'diagnosis.locked.next', at(until)),
      };
    }
    case 'pending_activation': {
      if (!d.activationSentAt) {
        return {
          color: 'yellow',
          title: t('diagnosis.pending.noMessage.title'),
          detail: t('diagnosis.pending.noMessage.detail'),
          next: t('diagnosis.pending.noMessage.next'),
        };
      }
      const sent = at(d.activationSentAt);
      const ready = d.activationReadyAt ? at(d.activationReadyAt) : null;
      const waiting = d.activationReadyAt !== null && new Date(d.activationReadyAt) > now;
      const channel = d.activationChannel ? tDynamic(`diagnosis.channel.${d.activationChannel}`, d.activationChannel) : '';
      return {
        color: 'blue',
        title: t('diagnosis.pending.sent.title'),
        detail: t(ready ? 'diagnosis.pending.sent.detail' : 'diagnosis.pending.sent.detailNoReady', {
          sent: sent.time,
          sentRelative: sent.relative,
          channel,
          ready: ready?.time ?? '',
        }),
        next: waiting && ready ? t('diagnosis.pending.sent.wait', { ready: ready.time, relative: ready.relative }) : t('diagnosis.pending.sent.next'),
      };
    }
    case 'suspended':
    case 'revoked':
      return {
        color: d.code === 'revoked' ? 'red' : 'orange',
        title: t(`diagnosis.${d.code}.title`),
        detail: t('diagnosis.reason', { reason: d.reason ?? t('diagnosis.noReason') }),
        next: t(`diagnosis.${d.code}.next`),
      };
    case 'password_expired':
      return {
        color: 'orange',
        title: t('diagnosis.password_expired.title', { date: formatDateTime(d.passwordExpiredAt, false) }),
        detail: null,
        next: t('diagnosis.password_expired.next'),
      };
  }
}
