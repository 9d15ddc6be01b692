import { Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ApplicationDetail } from '../../../../shared/contract/clients';
import { call } from '../../api/client';
import { useI18n } from '../../i18n';
import { ActionModal } from './ActionModal';
import { useClientFormErrors } from './client-errors';

const FIELDS = ['leaderName', 'approvedOn'];

/** Today in the workstation's zone, as a date input wants it. */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The department leader's approval, as the (paper or online) form records it: who, and on which date. */
export function LeaderApprovalModal(props: { application: ApplicationDetail; onClose: () => void; onDone: (next: ApplicationDetail) => void }) {
  const { t } = useI18n();
  const [leaderName, setLeaderName] = useState('');
  const [today] = useState(localToday);
  const [approvedOn, setApprovedOn] = useState(today);
  const errors = useClientFormErrors(FIELDS);

  async function confirm() {
    errors.clear();
    if (!leaderName.trim()) return errors.setFieldError('leaderName', t('clients.reason.required'));
    try {
      props.onDone(await call('clients.recordLeaderApproval', { id: props.application.id, leaderName, approvedOn }));
    } catch (err) {
      errors.report(err);
    }
  }

  return (
    <ActionModal
      title={t('clients.leader.title')}
      confirmLabel={t('clients.leader.submit')}
      formError={errors.formError}
      onClose={props.onClose}
      onConfirm={confirm}
      testId="leader-form"
    >
      <Text fz="sm">{t('clients.leader.intro', { name: props.application.appName, department: props.application.department })}</Text>
      <TextInput
        label={t('clients.field.leaderName')}
        value={leaderName}
        onChange={(e) => setLeaderName(e.currentTarget.value)}
        error={errors.fieldError('leaderName')}
        maxLength={64}
        autoComplete="off"
        data-autofocus
        required
      />
      <TextInput
        type="date"
        label={t('clients.field.approvedOn')}
        description={t('clients.field.approvedOnHint')}
        value={approvedOn}
        onChange={(e) => setApprovedOn(e.currentTarget.value)}
        error={errors.fieldError('approvedOn')}
        max={today}
        required
      />
    </ActionModal>
  );
}
