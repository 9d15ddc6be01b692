import { Alert, Button, Group, Modal, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { Output } from '../../../../shared/contract';
import { DOCUMENT_TYPES, type DocumentType } from '../../../../shared/identity/documents';
import { hiddenCheckLength } from '../../../../shared/identity/masking';
import { call } from '../../api/client';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { formatClock } from '../../i18n/format';
import { ActionModal } from '../clients/ActionModal';

const FIELDS = ['documentType', 'hiddenCharacters'];

/** The masked number with the characters to type marked: `********______1232`. */
function patternOf(masked: string, count: number): string {
  const shown = masked.length < 8 ? 1 : 4;
  return `${masked.slice(0, masked.length - shown - count)}${'_'.repeat(count)}${masked.slice(-shown)}`;
}

/**
 * Records the in-person check of the presented document: its type and the characters before its
 * last 4 as read off the document (the console shows only the last 4, so typing them proves the
 * document was read). The desk compares them with the sealed record and answers match or mismatch.
 */
export function IdCheckModal(props: { accountId: number; name: string; documentMasked: string; onClose: () => void; onRecorded: () => void }) {
  const { t } = useI18n();
  const [documentType, setDocumentType] = useState<DocumentType | null>(null);
  const [hiddenCharacters, setHiddenCharacters] = useState('');
  const count = hiddenCheckLength(props.documentMasked);
  const [result, setResult] = useState<Output<'recovery.recordIdCheck'> | null>(null);
  const errors = useFormErrors(FIELDS);

  async function record() {
    errors.clear();
    if (!documentType) return errors.setFieldError('documentType', t('recovery.idCheck.typeRequired'));
    try {
      setResult(await call('recovery.recordIdCheck', { id: props.accountId, documentType, hiddenCharacters }));
      props.onRecorded();
    } catch (err) {
      errors.report(err);
    }
  }

  const title = t('recovery.idCheck.title', { name: props.name });
  if (result) {
    return (
      <Modal opened onClose={props.onClose} title={title} centered size="md">
        <Stack gap="md" data-testid="id-check-result" data-matched={result.matched}>
          {result.matched ? (
            <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />}>
              {t('recovery.idCheck.matched', { until: formatClock(result.validUntil) })}
            </Alert>
          ) : (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('recovery.idCheck.mismatch')}>
              {!result.typeMatched && <Text fz="sm">{t('recovery.idCheck.typeDiffers')}</Text>}
              {!result.digitsMatched && <Text fz="sm">{t('recovery.idCheck.digitsDiffer')}</Text>}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button onClick={props.onClose} data-testid="id-check-close">
              {t('recovery.idCheck.close')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
  }
  return (
    <ActionModal
      title={title}
      confirmLabel={t('recovery.idCheck.submit')}
      formError={errors.formError}
      testId="id-check-form"
      onClose={props.onClose}
      onConfirm={record}
    >
      <Text fz="sm">{t('recovery.idCheck.text')}</Text>
      <Select
        label={t('recovery.idCheck.documentType')}
        data={DOCUMENT_TYPES.map((d) => ({ value: d, label: t(`accounts.documentType.${d}`) }))}
        value={documentType}
        onChange={(value) => setDocumentType(value as DocumentType | null)}
        error={errors.fieldError('documentType')}
        allowDeselect={false}
        data-testid="id-check-type"
        required
      />
      <Paper withBorder radius="sm" px="md" py="xs" bg="gray.0">
        <Text fz="xs" c="dimmed">
          {t('recovery.idCheck.where')}
        </Text>
        <Text className="mono" fz="xl" fw={600} style={{ letterSpacing: '0.12em' }} data-testid="id-check-pattern">
          {patternOf(props.documentMasked, count)}
        </Text>
      </Paper>
      <TextInput
        label={props.documentMasked.length < 8 ? t('recovery.idCheck.hiddenCharactersShort') : t('recovery.idCheck.hiddenCharacters', { count })}
        description={documentType === 'prc_id' || documentType === 'foreign_permanent_id' ? t('recovery.idCheck.birthDateHint') : t('recovery.idCheck.hiddenCharactersHint')}
        value={hiddenCharacters}
        onChange={(e) => setHiddenCharacters(e.currentTarget.value)}
        error={errors.fieldError('hiddenCharacters')}
        maxLength={count}
        data-autofocus
        autoComplete="off"
        classNames={{ input: 'mono' }}
        data-testid="id-check-characters"
        required
      />
    </ActionModal>
  );
}
