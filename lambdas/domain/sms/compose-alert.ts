import type { AlertMode } from '../alert';
import { alertSmsFields, type SmsAlert } from './alert-fields';
import { toGsm7 } from './gsm-transliteration';
import { measureSms, roughlyFits, type SmsEncoding, type SmsMeasure } from './measure-sms';
import { fitToLimit, SHORTENING_ORDER, type ShortenableField } from './shorten';
import type { SmsSettings } from './sms-settings';
import type { AlertMessageKind, AlertSmsFields, SmsField, TemplateForm } from './template-types';
import { smsTemplatesFor } from './templates';

export interface AlertSmsInput {
  kind: AlertMessageKind;
  mode: AlertMode;
  /** The subscriber's language; one without templates falls back to English. */
  language: string;
  alert: SmsAlert;
  /** The update number, printed as "UPDATE 2". */
  version?: number;
}

export interface ComposedSms {
  body: string;
  encoding: SmsEncoding;
  segments: number;
  /** False only when the protected fields alone exceed the budget: they are never cut. */
  fitsBudget: boolean;
  /** Free-text fields that were cut or dropped to fit, in the order they were cut. */
  shortened: ShortenableField[];
  /** Fields present in the body (possibly shortened), in template order. */
  kept: SmsField[];
}

function isPresent(field: SmsField, f: AlertSmsFields): boolean {
  switch (field) {
    case 'version':
      return f.version !== undefined;
    case 'age':
    case 'outcome':
    case 'marker':
    case 'code':
      return true;
    default:
      return f[field] !== '';
  }
}

/** Limits a candidate body: `slack` tightens a fast estimate, `confirm` is the final word on it. */
interface Limit {
  fits: (body: string, slack: number) => boolean;
  confirm: (body: string, measured: SmsMeasure) => boolean;
}

const MAX_SLACK = 8;

function compose(input: AlertSmsInput, settings: SmsSettings, form: TemplateForm, limit: Limit): ComposedSms {
  const templates = smsTemplatesFor(input.language);
  const template = templates[input.kind][form];
  const isExercise = input.mode === 'EXERCISE';
  const marker = isExercise ? `${templates.exerciseMarker[form]} ` : '';
  // Fields are already folded; folding the whole body also covers the template's own Albanian words.
  const render = (f: AlertSmsFields) => {
    const text = marker + template.render(f);
    return settings.transliterate ? toGsm7(text) : text;
  };
  const fields = alertSmsFields(input.alert, input.version, settings, templates.monthNames);
  const order = SHORTENING_ORDER.filter((rule) => template.fields.includes(rule.field));
  let fitted = fitToLimit(fields, order, render, (body) => limit.fits(body, 0));
  let measured = measureSms(fitted.body);
  let fitsBudget = limit.confirm(fitted.body, measured);
  for (let slack = 1; !fitsBudget && slack <= MAX_SLACK && limit.fits(fitted.body, slack - 1); slack++) {
    fitted = fitToLimit(fields, order, render, (body) => limit.fits(body, slack));
    measured = measureSms(fitted.body);
    fitsBudget = limit.confirm(fitted.body, measured);
  }
  const kept: SmsField[] = template.fields.filter((field) => isPresent(field, fitted.fields));
  return {
    body: fitted.body,
    ...measured,
    fitsBudget,
    shortened: fitted.shortened,
    kept: isExercise ? ['marker', ...kept] : kept,
  };
}

const segmentLimit = (budget: number): Limit => ({
  fits: (body, slack) => roughlyFits(body, budget, slack),
  confirm: (_body, measured) => measured.segments <= budget,
});

/**
 * The alert, update or cancellation SMS, shortened if needed to fit `settings.segmentBudget`. When the
 * protected fields alone exceed the budget, the message costs more segments whatever is cut, so it is
 * recomposed to carry as much as those segments hold, and reported with fitsBudget false.
 */
export function composeAlertSms(input: AlertSmsInput, settings: SmsSettings): ComposedSms {
  const shortest = compose(input, settings, 'full', segmentLimit(settings.segmentBudget));
  if (shortest.fitsBudget) return shortest;
  return { ...compose(input, settings, 'full', segmentLimit(shortest.segments)), fitsBudget: false };
}

export interface TextLimit {
  form: TemplateForm;
  maxCharacters: number;
}

/**
 * The same message limited by characters instead of segments, for channels that count characters: the
 * CAP CMAMtext (brief, 90) and CMAMlongtext (full, 360) parameters.
 */
export function composeAlertText(input: AlertSmsInput, settings: SmsSettings, limit: TextLimit): ComposedSms {
  const length = (body: string) => [...body].length;
  return compose(input, settings, limit.form, {
    fits: (body, slack) => length(body) <= limit.maxCharacters - slack,
    confirm: (body) => length(body) <= limit.maxCharacters,
  });
}
