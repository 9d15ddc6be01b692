import { Checkbox, Paper, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import type { Language } from '../../../../shared/contract/common';
import { DOCUMENT_TYPES, type DocumentType } from '../../../../shared/identity/documents';
import { LANGUAGE_LABELS, LANGUAGES, useI18n } from '../../i18n';

export interface PersonValue {
  realName: string;
  documentType: DocumentType;
  documentNumber: string;
}

/** Name and identity document, as read off the document the applicant shows. */
export function PersonFields(props: {
  value: PersonValue;
  onChange: (patch: Partial<PersonValue>) => void;
  error: (field: string) => string | undefined;
  readOnly?: boolean;
}) {
  const { t } = useI18n();
  const { value, onChange } = props;
  return (
    <>
      <TextInput
        label={t('applications.field.realName')}
        value={value.realName}
        onChange={(e) => onChange({ realName: e.currentTarget.value })}
        error={props.error('realName')}
        maxLength={64}
        autoComplete="off"
        readOnly={props.readOnly}
        required
      />
      <Select
        label={t('applications.field.documentType')}
        data={DOCUMENT_TYPES.map((d) => ({ value: d, label: t(`accounts.documentType.${d}`) }))}
        value={value.documentType}
        onChange={(v) => v && onChange({ documentType: v as DocumentType })}
        error={props.error('documentType')}
        allowDeselect={false}
        readOnly={props.readOnly}
        required
      />
      <TextInput
        label={t('applications.field.documentNumber')}
        value={value.documentNumber}
        onChange={(e) => onChange({ documentNumber: e.currentTarget.value })}
        error={props.error('documentNumber')}
        maxLength={24}
        autoComplete="off"
        spellCheck={false}
        classNames={{ input: 'mono' }}
        readOnly={props.readOnly}
        required
      />
    </>
  );
}

export function LanguageField(props: { value: Language; onChange: (language: Language) => void }) {
  const { t } = useI18n();
  return (
    <Stack gap={4}>
      <Text fz="sm" fw={500}>
        {t('applications.field.language')}
      </Text>
      <SegmentedControl
        value={props.value}
        onChange={(v) => props.onChange(v as Language)}
        data={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_LABELS[l] }))}
        data-testid="notice-language"
      />
    </Stack>
  );
}

/** The operator's statement that the document was seen in person: required before submitting. */
export function DocumentChecked(props: { checked: boolean; onChange: (checked: boolean) => void; error?: string }) {
  const { t } = useI18n();
  return (
    <Paper withBorder radius="md" p="md" bg={props.checked ? 'teal.0' : 'gray.0'}>
      <Checkbox
        label={<Text fw={600}>{t('applications.checked')}</Text>}
        description={t('applications.checkedHint')}
        checked={props.checked}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
        error={props.error}
        data-testid="intake-document-checked"
      />
    </Paper>
  );
}
