import * as z from 'zod/mini';
import '../config/zod-locale';
import type { AmberConfig } from '../config/config';
import { normalizeMobile } from './phone';
import { buildCountryFields } from './schemas';

/**
 * Request schemas that take a phone number. They live apart from buildSchemas because validating a mobile
 * number needs libphonenumber-js and its metadata (the configured countries only, phone-metadata.ts): only
 * the handlers that import this module carry them.
 */
export function buildPhoneSchemas(config: AmberConfig) {
  const { counties, language } = buildCountryFields(config);
  const mobile = mobileNumber(config);

  const subscription = z.strictObject({ phone: mobile, counties, language });
  const unsubscription = z.strictObject({ phone: mobile });
  const confirmation = z.strictObject({
    phone: mobile,
    code: z.string().check(z.regex(/^\d{6}$/, 'must be 6 digits')),
  });
  // A phone of the drill group: staff phones that receive exercises (never the public).
  const drillRecipient = z.strictObject({ phone: mobile, language });

  const drillRemoval = z.strictObject({ phone: mobile });
  return { subscription, confirmation, unsubscription, drillRecipient, drillRemoval };
}

/** A mobile number of the configured country, in any local format, normalized to E.164. */
export function mobileNumber(config: AmberConfig) {
  // zod/mini like schemas.ts: the classic API would add ~60 KB to each phone handler.
  return z.pipe(
    z.string(),
    z.transform((value: string, ctx) => {
      const check = normalizeMobile(value, config.country.phoneRegion);
      if (!check.ok) {
        ctx.issues.push({ code: 'custom', message: check.reason, input: value });
        return z.NEVER;
      }
      return check.e164;
    }),
  );
}

export type PhoneSchemas = ReturnType<typeof buildPhoneSchemas>;
export type SubscriptionRequest = z.output<PhoneSchemas['subscription']>;
export type ConfirmationRequest = z.output<PhoneSchemas['confirmation']>;
export type UnsubscriptionRequest = z.output<PhoneSchemas['unsubscription']>;
export type DrillRecipientRequest = z.output<PhoneSchemas['drillRecipient']>;
export type DrillRemovalRequest = z.output<PhoneSchemas['drillRemoval']>;
