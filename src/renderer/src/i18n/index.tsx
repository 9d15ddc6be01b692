import { type ReactNode, createContext, useContext, useMemo } from 'react';
import type { Language } from '../../../shared/contract/common';
import { type Messages, en } from './en';
import { zhCN } from './zh-CN';

export type MessageKey = keyof Messages;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const DICTIONARIES: Record<Language, Messages> = { 'zh-CN': zhCN, en };

export const LANGUAGE_LABELS: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };
/** The console's languages (kept here, not taken from the contract module, which would bring zod along). */
export const LANGUAGES = Object.keys(LANGUAGE_LABELS) as Language[];

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translator(language: Language): Translate {
  const dictionary = DICTIONARIES[language];
  return (key, params) => interpolate(dictionary[key], params);
}

/** The translators for a language, for code outside the React tree (or in another language than shown). */
export function i18nFor(language: Language): { t: Translate; tDynamic: I18nValue['tDynamic'] } {
  const t = translator(language);
  return { t, tDynamic: (key, fallback, params) => (isMessageKey(key) ? t(key, params) : fallback) };
}

interface I18nValue {
  language: Language;
  t: Translate;
  /** Translates a key built at run time (an error code, a role), or falls back to the given text. */
  tDynamic: (key: string, fallback: string, params?: Params) => string;
  setLanguage: (language: Language) => void;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider(props: { language: Language; onChange: (language: Language) => void; children: ReactNode }) {
  const { language, onChange, children } = props;
  const value = useMemo(() => ({ language, ...i18nFor(language), setLanguage: onChange }), [language, onChange]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n needs an <I18nProvider>');
  return value;
}
