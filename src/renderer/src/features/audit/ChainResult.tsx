import { Alert } from '@mantine/core';
import { IconAlertOctagon, IconShieldCheck } from '@tabler/icons-react';
import type { Output } from '../../../../shared/contract';
import { useI18n } from '../../i18n';

export type ChainCheck = Output<'audit.verify'>;

const REASONS: Record<string, 'audit.chain.reason.missing' | 'audit.chain.reason.link' | 'audit.chain.reason.altered'> = {
  'missing entry': 'audit.chain.reason.missing',
  'previous-hash link does not match': 'audit.chain.reason.link',
  'entry was altered': 'audit.chain.reason.altered',
};

/** What "Verify chain" found: intact with N entries, or the first entry whose link breaks, and why. */
export function ChainResult({ result, onClose }: { result: ChainCheck; onClose: () => void }) {
  const { t } = useI18n();
  if (result.ok || !result.firstBroken) {
    return (
      <Alert color="teal" icon={<IconShieldCheck size={20} />} title={t('audit.chain.okTitle')} withCloseButton onClose={onClose} mb="md" data-testid="chain-result">
        {t('audit.chain.ok', { checked: result.checked })}
      </Alert>
    );
  }
  const key = REASONS[result.firstBroken.reason];
  return (
    <Alert color="red" icon={<IconAlertOctagon size={20} />} title={t('audit.chain.brokenTitle')} withCloseButton onClose={onClose} mb="md" data-testid="chain-result">
      {t('audit.chain.broken', {
        seq: result.firstBroken.seq,
        reason: key ? t(key) : result.firstBroken.reason,
        checked: result.checked,
      })}
    </Alert>
  );
}
