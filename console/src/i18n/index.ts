import { en } from './en';
import { signal } from './signal';
import { type Catalogue, type MessageKey, sq } from './sq';

export type Language = 'sq' | 'en';
export const LANGUAGES: readonly Language[] = ['sq', 'en'];
const CATALOGUES: Record<Language, Catalogue> = { sq, en };
const STORAGE_KEY = 'amber.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'sq' ? stored : 'sq';
}

/** The console's language: Albanian first, the person's choice kept in this browser. */
export const language = signal<Language>(initialLanguage());

export function setLanguage(next: Language): void {
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  language.set(next);
}

/** A text of the catalogue, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = CATALOGUES[language.get()][key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/** For keys built from API values (statuses, actions): the value itself when the catalogue lacks it. */
export function tValue(prefix: string, value: string): string {
  const key = `${prefix}${value}`;
  return key in sq ? t(key as MessageKey) : value;
}

export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(language.get() === 'sq' ? 'sq-AL' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Tirane',
  }).format(new Date(iso));
}
