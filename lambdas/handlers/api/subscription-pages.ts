import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { systemClock } from '../../adapters/system-clock';
import {
  DomainError,
  TooManyRequestsError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../domain/errors';
import { buildPhoneSchemas } from '../../domain/phone-schemas';
import { pageLanguage } from '../../domain/public/alert-page';
import {
  type FieldName,
  type PageErrors,
  renderCodeForm,
  renderDone,
  renderPhoneForm,
} from '../../domain/public/site-pages';
import { siteTextsFor } from '../../domain/public/site-texts';
import { httpHandler } from '../../http/http-handler';
import { clientIp, header } from '../../http/request';
import { document } from '../../http/responses';
import { SITE_HEADERS } from '../../http/site-headers';
import { parseWith } from '../../http/validation';
import type { Dependencies } from '../../ports/dependencies';
import { confirmUnsubscribe, requestUnsubscribe } from '../../use-cases/opt-out';
import { confirmSubscription, subscribe } from '../../use-cases/subscriptions';
import { config } from '../../wiring/aws/config';
import { rateLimiter } from '../../wiring/aws/rate-limiter';
import { smsSender } from '../../wiring/aws/sms';
import { subscriberRepository } from '../../wiring/aws/subscribers';
import { memo } from '../memo';

const FORM_FIELDS = new Set(['lang', 'phone', 'counties', 'language', 'code']);
const MAX_FORM_BYTES = 16 * 1024;

type Purpose = 'subscribe' | 'unsubscribe';
type Deps = Pick<Dependencies, 'subscribers' | 'sms' | 'clock' | 'config' | 'rateLimiter'>;

/**
 * GET and POST /subscribe and /unsubscribe, POST …/confirm: the public subscription forms, without
 * JavaScript. The phone form's answer is the code page (it carries the phone in a hidden field, so that the
 * number appears in no URL or log); the confirmation redirects (303) to the page saying it is done.
 * Invalid input comes back as the same form, 400, with each field's problem in words.
 */
export function createHandler(deps: Deps) {
  const schemas = memo(() => buildPhoneSchemas(deps.config));
  return httpHandler(async (event) => {
    const purpose: Purpose = event.resource.startsWith('/unsubscribe') ? 'unsubscribe' : 'subscribe';
    const confirming = event.resource.endsWith('/confirm');
    const form = event.httpMethod === 'POST' ? readForm(event) : undefined;
    const language = pageLanguage(
      deps.config,
      form?.get('lang') ?? event.queryStringParameters?.lang ?? undefined,
      header(event, 'accept-language'),
    );
    const html = (status: number, body: string) =>
      document(status, 'text/html; charset=utf-8', body, { ...SITE_HEADERS, 'content-language': language });

    if (!form) {
      if (event.queryStringParameters?.done) return html(200, renderDone(purpose, deps.config, language));
      return html(200, renderPhoneForm(purpose, deps.config, language));
    }
    const phone = form.get('phone') ?? '';
    const unknown = [...form.keys()].some((key) => !FORM_FIELDS.has(key));
    try {
      if (unknown) throw new ValidationError('Form is invalid', { body: ['is not an allowed field'] });
      if (confirming) {
        const code = { phone, code: form.get('code') ?? '' };
        if (purpose === 'subscribe') await confirmSubscription(deps, parseWith(schemas().confirmation, code));
        else await confirmUnsubscribe(deps, parseWith(schemas().confirmation, code));
        return {
          statusCode: 303,
          headers: { ...SITE_HEADERS, location: `/${purpose}?done=1&lang=${encodeURIComponent(language)}` },
          body: '',
        } satisfies APIGatewayProxyResult;
      }
      if (purpose === 'subscribe') {
        const request = { phone, counties: form.getAll('counties'), language: form.get('language') ?? '' };
        await subscribe(deps, parseWith(schemas().subscription, request), clientIp(event));
      } else {
        await requestUnsubscribe(deps, parseWith(schemas().unsubscription, { phone }), clientIp(event));
      }
      return html(200, renderCodeForm(purpose, deps.config, language, phone));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const t = siteTextsFor(language);
      const errors = error instanceof ValidationError ? pageErrors(error.fields) : {};
      const message =
        error instanceof TooManyRequestsError
          ? t.tooMany
          : error instanceof ValidationError
            ? undefined
            : t.unavailable;
      const status = error.statusCode;
      if (confirming) {
        // A wrong code keeps the person on the code page; a number no longer valid sends them back.
        if (!errors.phone)
          return html(status, renderCodeForm(purpose, deps.config, language, phone, errors, message));
      }
      const values = { phone, counties: form.getAll('counties'), language: form.get('language') ?? language };
      return html(status, renderPhoneForm(purpose, deps.config, language, values, errors, message));
    }
  });
}

function readForm(event: APIGatewayProxyEvent): URLSearchParams {
  const contentType = header(event, 'content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(contentType.trim())) {
    throw new UnsupportedMediaTypeError('Content-Type must be application/x-www-form-urlencoded');
  }
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text, 'utf8') > MAX_FORM_BYTES) {
    throw new ValidationError('Form is too large', { body: ['is too large'] });
  }
  return new URLSearchParams(text);
}

/** The API's field errors as the fields the page shows; anything else is a problem with the form itself. */
function pageErrors(fields: Record<string, string[]>): PageErrors {
  const errors: PageErrors = {};
  const known: FieldName[] = ['phone', 'counties', 'language', 'code'];
  for (const key of Object.keys(fields)) {
    const field = known.find((name) => key === name || key.startsWith(`${name}.`)) ?? 'body';
    errors[field] = true;
  }
  return errors;
}

export const handler = createHandler({
  subscribers: subscriberRepository,
  sms: smsSender,
  clock: systemClock,
  config,
  rateLimiter,
});
