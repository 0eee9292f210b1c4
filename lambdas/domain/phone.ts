import type { CountryCode } from 'libphonenumber-js/max';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneCheck = { ok: true; e164: string } | { ok: false; reason: string };

/**
 * Accepts international (+355 69 …) and national (069 …) formats of a mobile number of the configured
 * country and returns it in E.164, the only form the platform stores or sends to.
 */
export function normalizeMobile(input: string, region: string): PhoneCheck {
  const parsed = parsePhoneNumberFromString(input, region as CountryCode);
  if (!parsed?.isValid()) return { ok: false, reason: 'is not a valid phone number' };
  if (parsed.country !== region) return { ok: false, reason: `is not a number of ${region}` };
  const type = parsed.getType();
  if (type !== 'MOBILE') return { ok: false, reason: 'is not a mobile number' };
  return { ok: true, e164: parsed.number };
}

/** The last digits only, for operators reading logs or dashboards: never the whole number. */
export function maskPhone(e164: string): string {
  return `${'*'.repeat(Math.max(0, e164.length - 3))}${e164.slice(-3)}`;
}
