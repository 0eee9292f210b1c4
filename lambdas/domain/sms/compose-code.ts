import type { ComposedSms } from './compose-alert';
import { toGsm7 } from './gsm-transliteration';
import { measureSms } from './measure-sms';
import type { SmsSettings } from './sms-settings';
import type { CodePurpose } from './template-types';
import { smsTemplatesFor } from './templates';

/** The one-time code that confirms a subscription, or a request to stop alerts. */
export function composeCodeSms(
  code: string,
  purpose: CodePurpose,
  language: string,
  settings: SmsSettings,
): ComposedSms {
  const templates = smsTemplatesFor(language);
  const text =
    purpose === 'SUBSCRIBE'
      ? templates.SUBSCRIBE(code, settings.codeTtlMinutes, settings.stop)
      : templates.UNSUBSCRIBE(code, settings.codeTtlMinutes);
  const body = settings.transliterate ? toGsm7(text) : text;
  const measure = measureSms(body);
  return {
    body,
    ...measure,
    fitsBudget: measure.segments <= settings.segmentBudget,
    shortened: [],
    kept: ['code'],
  };
}
