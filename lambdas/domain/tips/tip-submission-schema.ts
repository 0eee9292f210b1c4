import * as z from 'zod/mini';
import '../../config/zod-locale';
import type { AmberConfig } from '../../config/config';
import { mobileNumber } from '../phone-schemas';
import { buildCountryFields, isoDateTimeWithOffset } from '../schemas';
import { text } from './tip-schemas';

/** Clock skew allowed on "seen at": a phone a minute ahead is not reporting the future. */
const SKEW_MS = 60_000;

/**
 * What the public sends (`POST /public/alerts/{id}/tips`): strict, built from the configuration (the
 * country's languages, bounding box and mobile numbers).
 */
export function buildTipSubmissionSchema(config: AmberConfig) {
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
  return { tipSubmission };
}

export type TipSubmission = z.output<ReturnType<typeof buildTipSubmissionSchema>['tipSubmission']>;

/** `Idempotency-Key`: what clients commonly send (a UUID, a ULID, a random token). */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;
