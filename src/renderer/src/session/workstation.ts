import type { Language } from '../../../shared/contract/common';
import { LANGUAGES } from '../i18n';
import { DESKS, type Desk } from '../../../shared/desks';

/** What this workstation remembers between sign-ins: the sign-in page's language and its desk. */
const LANGUAGE_KEY = 'jaccount-desk.language';
const DESK_KEY = 'jaccount-desk.desk';

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts for this page only.
  }
}

export function workstationLanguage(): Language {
  const stored = read(LANGUAGE_KEY);
  return (LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as Language) : 'zh-CN';
}

export function rememberWorkstationLanguage(language: Language) {
  write(LANGUAGE_KEY, language);
}

export function workstationDesk(): Desk | null {
  const stored = read(DESK_KEY);
  return (DESKS as readonly string[]).includes(stored ?? '') ? (stored as Desk) : null;
}

export function rememberWorkstationDesk(desk: Desk) {
  write(DESK_KEY, desk);
}
