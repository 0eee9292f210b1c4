import type { LanguageTemplates } from './template-types';
import { en } from './templates-en';
import { sq } from './templates-sq';

/** Every message the platform texts, keyed by language then kind. A new language is one more entry. */
export const SMS_TEMPLATES = { sq, en } as const satisfies Record<string, LanguageTemplates>;

export type SmsLanguage = keyof typeof SMS_TEMPLATES;
export const SMS_LANGUAGES = Object.keys(SMS_TEMPLATES) as SmsLanguage[];

export function hasSmsTemplates(language: string): language is SmsLanguage {
  return Object.hasOwn(SMS_TEMPLATES, language);
}

/**
 * A subscriber whose language has no templates yet still gets the alert, in English: an alert in the
 * wrong language helps more than no alert at all.
 */
export function smsTemplatesFor(language: string): LanguageTemplates {
  return hasSmsTemplates(language) ? SMS_TEMPLATES[language] : SMS_TEMPLATES.en;
}

/** The words that open every exercise message, so that nobody mistakes a drill for a real abduction. */
export function exerciseMarker(language: string): string {
  return smsTemplatesFor(language).exerciseMarker.full;
}
