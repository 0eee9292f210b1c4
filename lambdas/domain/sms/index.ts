export { cleanUserText, type SmsAlert } from './alert-fields';
export {
  type AlertSmsInput,
  type ComposedSms,
  composeAlertSms,
  composeAlertText,
  type TextLimit,
} from './compose-alert';
export { composeCodeSms } from './compose-code';
export { toGsm7 } from './gsm-transliteration';
export {
  formatIsoWithOffset,
  formatLongLocalTime,
  formatShortLocalTime,
  type ZonedParts,
  zonedParts,
} from './local-time';
export { isGsm7Char, measureSms, type SmsEncoding, type SmsMeasure } from './measure-sms';
export { ELLIPSIS, SHORTENING_ORDER, type ShortenableField, truncateAtWord } from './shorten';
export { alertLink, type SmsSettings, smsSettingsFrom } from './sms-settings';
export {
  type AlertMessageKind,
  type CodePurpose,
  type SmsField,
  sentence,
  type TemplateForm,
} from './template-types';
export {
  exerciseMarker,
  hasSmsTemplates,
  SMS_LANGUAGES,
  SMS_TEMPLATES,
  type SmsLanguage,
  smsTemplatesFor,
} from './templates';
