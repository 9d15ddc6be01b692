import { Alert, NumberInput, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import type { ApplicationDetail } from '../../../../shared/contract/clients';
import { call } from '../../api/client';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { ActionModal } from './ActionModal';
import { useClientFormErrors } from './client-errors';
import type { ShownSecret } from './SecretModal';

const FIELDS = ['overlapDays'];
const MAX_OVERLAP = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A new secret; the current one keeps working for the overlap chosen, so the application can switch without downtime. */
export function RotateModal(props: {
  application: ApplicationDetail;
  onClose: () => void;
  onDone: (next: ApplicationDetail, shown: ShownSecret) => void;
}) {
  const { t } = useI18n();
  const { application } = props;
  const [days, setDays] = useState<number | string>(7);
  const [openedAt] = useState(() => Date.now());
  const errors = useClientFormErrors(FIELDS);
  const valid = typeof days === 'number' && Number.isInteger(days) && days >= 0 && days <= MAX_OVERLAP;
  const hasPrevious = application.client!.secrets.some((s) => s.slot === 'previous');

  async function confirm() {
    errors.clear();
    if (!valid) return errors.setFieldError('overlapDays', t('clients.rotate.range', { max: MAX_OVERLAP }));
    try {
      const result = await call('clients.rotateSecret', { id: application.id, overlapDays: days });
      const previous = result.application.client!.secrets.find((s) => s.slot === 'previous');
      props.onDone(result.application, {
        appName: application.appName,
        clientId: result.application.client!.clientId,
        secret: result.secretShownOnce,
        previousValidUntil: previous?.expiresAt ?? null,
        rotated: true,
      });
    } catch (err) {
      errors.report(err);
    }
  }

  return (
    <ActionModal
      title={t('clients.rotate.title', { name: application.appName })}
      confirmLabel={t('clients.rotate.submit')}
      formError={errors.formError}
      onClose={props.onClose}
      onConfirm={confirm}
      testId="rotate-form"
    >
      <Text fz="sm">{t('clients.rotate.intro')}</Text>
      <NumberInput
        label={t('clients.rotate.overlap')}
        description={t('clients.rotate.overlapHint', { max: MAX_OVERLAP })}
        value={days}
        onChange={setDays}
        min={0}
        max={MAX_OVERLAP}
        allowDecimal={false}
        allowNegative={false}
        suffix={` ${t('clients.rotate.days')}`}
        error={errors.fieldError('overlapDays')}
        data-testid="overlap-days"
        maw={360}
      />
      {valid && (
        <Text fz="sm" data-testid="overlap-until">
          {days === 0
            ? t('clients.rotate.noOverlap')
            : t('clients.rotate.until', { time: formatDateTime(new Date(openedAt + days * DAY_MS).toISOString(), false) })}
        </Text>
      )}
      {hasPrevious && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
          {t('clients.rotate.dropsPrevious')}
        </Alert>
      )}
    </ActionModal>
  );
}
