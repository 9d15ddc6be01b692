import { SegmentedControl } from '@mantine/core';
import type { Language } from '../../../shared/contract/common';
import { LANGUAGES, LANGUAGE_LABELS, useI18n } from '../i18n';

/** 中文 | English, wherever the console is shown. */
export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { language, setLanguage, t } = useI18n();
  return (
    <SegmentedControl
      size={size}
      aria-label={t('language.label')}
      data-testid="language-switch"
      value={language}
      onChange={(value) => setLanguage(value as Language)}
      data={LANGUAGES.map((value) => ({ value, label: LANGUAGE_LABELS[value] }))}
    />
  );
}
