import { Alert } from '@mantine/core';
import { IconAlertTriangle, IconBan, IconHourglass } from '@tabler/icons-react';
import { DeskCallError } from '../../api/client';
import { useI18n } from '../../i18n';

/** Why the desk takes no application for this person: an account exists (sign in or recover), it was revoked, or one is waiting. */
export type Refusal = { reason: 'account_exists'; username: string } | { reason: 'revoked' } | { reason: 'application_open' };

export function refusalOf(err: unknown): Refusal | null {
  if (!(err instanceof DeskCallError) || err.code !== 'CONFLICT') return null;
  const reason = err.params.reason;
  if (reason === 'account_exists') return { reason, username: String(err.params.username ?? '') };
  if (reason === 'revoked' || reason === 'application_open') return { reason };
  return null;
}

export function IntakeRefusal({ refusal }: { refusal: Refusal | null }) {
  const { t } = useI18n();
  if (!refusal) return null;
  if (refusal.reason === 'account_exists') {
    return (
      <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title={t('applications.exists.title')} data-testid="intake-refusal" data-reason={refusal.reason}>
        {refusal.username ? t('applications.exists.withUsername', { username: refusal.username }) : t('applications.exists.pending')}
      </Alert>
    );
  }
  if (refusal.reason === 'revoked') {
    return (
      <Alert color="red" icon={<IconBan size={18} />} title={t('applications.revoked.title')} data-testid="intake-refusal" data-reason={refusal.reason}>
        {t('applications.revoked.text')}
      </Alert>
    );
  }
  return (
    <Alert color="blue" icon={<IconHourglass size={18} />} title={t('applications.open.title')} data-testid="intake-refusal" data-reason={refusal.reason}>
      {t('applications.open.text')}
    </Alert>
  );
}
