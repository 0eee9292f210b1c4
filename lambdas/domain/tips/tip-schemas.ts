import * as z from 'zod/mini';
import '../../config/zod-locale';
import type { AmberConfig } from '../../config/config';
import { TIP_STATES, TRIAGE_STATES } from './tip';

/**
 * The police's tip schemas (strict: unknown fields refused; types inferred from here). The public's
 * submission, which takes a phone number, is in tip-submission-schema.ts, so that only its handler carries
 * libphonenumber-js; buildTipSchemas (tip-contract-schemas.ts) gives both to the OpenAPI document.
 */

export const text = (max: number) =>
  z
    .string()
    .check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(max, `at most ${max} characters`));

export function buildTipPoliceSchemas(_config: AmberConfig) {
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

  return { triage, tipListQuery };
}

export type TipPoliceSchemas = ReturnType<typeof buildTipPoliceSchemas>;
export type TriageRequest = z.output<TipPoliceSchemas['triage']>;
export type TipListQuery = z.output<TipPoliceSchemas['tipListQuery']>;
