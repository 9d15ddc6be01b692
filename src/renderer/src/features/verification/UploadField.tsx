import { FileInput, Text } from '@mantine/core';
import { IconFileCheck, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import type { UploadKind } from '../../../../shared/verification/terms';
import { useI18n } from '../../i18n';
import { formatSize } from '../../i18n/format';
import { type ChosenUpload, TYPE_NAMES, readUpload } from './upload-file';

/**
 * One upload: the file is judged by its first bytes and its size as soon as it is chosen (the
 * desk judges again). A wrong type or an oversize file is not kept.
 */
export function UploadField(props: {
  kind: UploadKind;
  label: string;
  maxBytes: number;
  value: ChosenUpload | null;
  onChange: (upload: ChosenUpload | null) => void;
  required?: boolean;
  error?: string;
}) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function choose(next: File | null) {
    setFile(next);
    setProblem(null);
    if (!next) return props.onChange(null);
    const upload = await readUpload(props.kind, next);
    if (!upload.mediaType) setProblem(t('reason.uploads.file_type'));
    else if (upload.size > props.maxBytes) setProblem(t('reason.uploads.too_large', { maximum: props.maxBytes }));
    props.onChange(upload.mediaType && upload.size <= props.maxBytes ? upload : null);
  }

  return (
    <FileInput
      label={props.label}
      description={
        props.value?.mediaType ? (
          <Text span fz="xs" c="teal.8" fw={600}>
            {t('applications.uploadChosen', { type: TYPE_NAMES[props.value.mediaType], size: formatSize(props.value.size) })}
          </Text>
        ) : (
          t('applications.uploadHint', { max: formatSize(props.maxBytes) })
        )
      }
      value={file}
      onChange={(f) => void choose(f)}
      accept="image/jpeg,image/png,application/pdf"
      leftSection={props.value ? <IconFileCheck size={16} /> : <IconUpload size={16} />}
      error={problem ?? props.error}
      required={props.required}
      clearable
      data-testid={`upload-${props.kind}`}
    />
  );
}
