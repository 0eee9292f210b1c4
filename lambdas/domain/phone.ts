import {
  type CountryCode,
  isSupportedCountry,
  ParseError,
  parsePhoneNumberWithError,
} from 'libphonenumber-js/core';
import { PHONE_METADATA } from './phone-metadata';

export type PhoneCheck = { ok: true; e164: string } | { ok: false; reason: string };

/**
 * Accepts international (+355 69 …) and national (069 …) formats of a mobile number of the configured
 * country and returns it in E.164, the only form the platform stores or sends to. The metadata holds the
 * configured countries only (every number type, so that a fixed line is told apart from a mobile): a
 * number of any other country has a calling code it does not know.
 */
export function normalizeMobile(input: string, region: string): PhoneCheck {
  if (!isSupportedCountry(region as CountryCode, PHONE_METADATA)) {
    throw new Error(`No phone metadata for ${region}: run npm run phone:metadata`);
  }
  let parsed: ReturnType<typeof parsePhoneNumberWithError>;
  try {
    parsed = parsePhoneNumberWithError(input, region as CountryCode, PHONE_METADATA);
  } catch (error) {
    if (error instanceof ParseError && error.message === 'INVALID_COUNTRY') {
      return { ok: false, reason: `is not a number of ${region}` };
    }
    return { ok: false, reason: 'is not a valid phone number' };
  }
  if (!parsed.isValid()) return { ok: false, reason: 'is not a valid phone number' };
  if (parsed.country !== region) return { ok: false, reason: `is not a number of ${region}` };
  if (parsed.getType() !== 'MOBILE') return { ok: false, reason: 'is not a mobile number' };
  return { ok: true, e164: parsed.number };
}

/** The last digits only, for operators reading logs or dashboards: never the whole number. */
export function maskPhone(e164: string): string {
  return `${'*'.repeat(Math.max(0, e164.length - 3))}${e164.slice(-3)}`;
}
