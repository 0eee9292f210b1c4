import * as z from 'zod/mini';
import '../../config/zod-locale';
import type { AmberConfig } from '../../config/config';
import { mobileNumber } from '../phone-schemas';
import { buildCountryFields, isoDateTimeWithOffset } from '../schemas';
import { TIP_STATES, TRIAGE_STATES } from './tip';

/**
 * The tips' request schemas (strict: unknown fields refused; types inferred from here). Built from the
 * configuration like buildSchemas: the country's languages, bounds and mobile numbers.
 */

const text = (max: number) =>
  z
    .string()
    .check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(max, `at most ${max} characters`));

/** Clock skew allowed on "seen at": a phone a minute ahead is not reporting the future. */
const SKEW_MS = 60_000;

export function buildTipSchemas(config: AmberConfig) {
  const { language } = buildCountryFields(config);
  const { south, west, north, east } = config.country.bounds;
  const coordinate = (min: number, max: number) =>
    z.number().check(z.gte(min, `must be at least ${min}`), z.lte(max, `must be at most ${max}`));

  const tipSubmission = z.strictObject({
    message: text(2000),
    seenAt: z.optional(
      isoDateTimeWithOffset.check(
        z.refine((at) => Date.parse(at) <= Date.now() + SKEW_MS, 'must not be in the future'),
      ),
    ),
    place: z.optional(text(200)),
    // Inside the configured country's bounding box: the police of this deployment can act on it.
    location: z.optional(z.strictObject({ lat: coordinate(south, north), lon: coordinate(west, east) })),
    seenNow: z.optional(z.boolean()),
    contact: z.optional(
      z.strictObject({ phone: z.optional(mobileNumber(config)), name: z.optional(text(100)) }),
    ),
    language: z.optional(language),
  });

  const triage = z.strictObject({
    state: z.enum(TRIAGE_STATES),
    note: z.optional(text(500)),
  });

  const tipListQuery = z.strictObject({
    state: z.optional(z.enum(TIP_STATES)),
    /** The `next` of the previous page, as given. */
    cursor: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,2048}$/, 'is not a cursor of this list'))),
    limit: z.optional(
      z.pipe(
        z.string().check(z.regex(/^\d{1,3}$/, 'must be a whole number from 1 to 200')),
        z.pipe(
          z.transform((v: string) => Number(v)),
          z.number().check(z.gte(1, 'must be at least 1'), z.lte(200, 'must be at most 200')),
        ),
      ),
    ),
  });

  return { tipSubmission, triage, tipListQuery };
}

export type TipSchemas = ReturnType<typeof buildTipSchemas>;
export type TipSubmission = z.output<TipSchemas['tipSubmission']>;
export type TriageRequest = z.output<TipSchemas['triage']>;
export type TipListQuery = z.output<TipSchemas['tipListQuery']>;

/** `Idempotency-Key`: what clients commonly send (a UUID, a ULID, a random token). */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;
