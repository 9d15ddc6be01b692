import { Alert } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import type { ApplicationSummary } from '../../../../shared/contract/verification';
import { useI18n } from '../../i18n';

/** What the operator tells the applicant after intake: the number, the department, the review's due date. */
export function IntakeDone({ application, onClose }: { application: ApplicationSummary | null; onClose: () => void }) {
  const { t } = useI18n();
  if (!application) return null;
  return (
    <Alert color="teal" icon={<IconCircleCheck size={18} />} data-testid="intake-done" withCloseButton onClose={onClose}>
      {t('applications.submitted', { id: application.id, department: application.department, date: application.deadline?.dueOn ?? '' })}
    </Alert>
  );
}
