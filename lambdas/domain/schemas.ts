import * as z from 'zod/mini';
import '../config/zod-locale';
import type { AmberConfig } from '../config/config';
import { ALERT_STATUSES } from './alert';

/**
 * Request schemas. Every object is strict (unknown fields are refused) and every type the handlers use is
 * inferred from here. Schemas that depend on the country (region codes, criteria) are built from the
 * configuration, by each handler on its first request (memo). Schemas taking a phone number are in
 * phone-schemas.ts, so that only the handlers that need them carry libphonenumber-js's metadata.
 *
 * zod/mini (functional checks, see lambdas/config/zod-locale.ts): every API handler bundles this module, and
 * zod's classic API would add ~70 KB to each. lib/openapi.ts renders the same schemas to JSON Schema.
 */

const text = (max: number) =>
  z
    .string()
    .check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(max, `at most ${max} characters`));

export const isoDateTimeWithOffset = z.iso.datetime({ offset: true, local: false });

/** The country's region codes and languages, shared by buildSchemas and buildPhoneSchemas. */
export function buildCountryFields(config: AmberConfig) {
  const regionCode = z.enum(config.regionCodes as [string, ...string[]], {
    error: () => `must be one of ${config.regionCodes.join(', ')}`,
  });
  const language = z.enum(config.country.languages as [string, ...string[]], {
    error: () => `must be one of ${config.country.languages.join(', ')}`,
  });
  const counties = z.array(regionCode).check(
    z.minLength(1, 'at least one county'),
    z.refine((list) => new Set(list).size === list.length, 'must not contain duplicates'),
  );
  return { regionCode, language, counties };
}

export function buildSchemas(config: AmberConfig) {
  const { regionCode, language, counties } = buildCountryFields(config);

  const criteria = z.strictObject({ abductionBelieved: z.boolean(), imminentDanger: z.boolean() }).check(
    z.superRefine((value, ctx) => {
      for (const criterion of config.requiredCriteria) {
        if (value[criterion] !== true) {
          ctx.addIssue({ code: 'custom', path: [criterion], message: 'is required to issue an AMBER Alert' });
        }
      }
    }),
  );

  const child = z.strictObject({
    name: text(100),
    age: z.number().check(z.int('must be a whole number'), z.gte(0), z.lte(17, 'must be 17 or younger')),
    description: text(1000),
    photoUrl: z.optional(
      z.url({ protocol: /^https$/, error: 'must be an https URL' }).check(z.maxLength(2048)),
    ),
  });
  const suspect = z.strictObject({ name: z.optional(text(100)), description: text(1000) });
  const vehicle = z.strictObject({
    plate: z.optional(text(20)),
    make: z.optional(text(40)),
    model: z.optional(text(40)),
    color: z.optional(text(30)),
  });
  const lastSeen = z.strictObject({
    place: text(200),
    county: regionCode,
    at: isoDateTimeWithOffset.check(
      z.refine((at) => Date.parse(at) <= Date.now() + 60_000, 'must not be in the future'),
    ),
  });

  const submission = z.strictObject({
    caseNumber: text(64),
    mode: z._default(z.enum(['LIVE', 'EXERCISE']), 'LIVE'),
    child,
    suspect: z.optional(suspect),
    vehicle: z.optional(vehicle),
    lastSeen,
    counties,
    criteria,
    durationHours: z._default(
      z.number().check(z.int(), z.gte(1), z.lte(config.timeouts.maxDurationHours)),
      config.timeouts.defaultDurationHours,
    ),
  });

  const approval = z
    .strictObject({ decision: z.enum(['APPROVE', 'REJECT']), reason: z.optional(text(500)) })
    .check(
      z.refine((v) => v.decision !== 'REJECT' || v.reason !== undefined, {
        path: ['reason'],
        message: 'is required to reject',
      }),
    );

  const resolution = z.strictObject({
    outcome: z.enum(['FOUND', 'CANCELLED']),
    note: z.optional(text(500)),
  });

  // An update changes some public fields of an active alert; each object given is merged into the alert's.
  const updatableFields = z.strictObject({
    child,
    suspect: z.optional(suspect),
    vehicle: z.optional(vehicle),
    lastSeen,
  });
  const alertUpdate = z.strictObject({
    changes: z
      .strictObject({
        child: z.optional(z.partial(child)),
        suspect: z.optional(z.partial(suspect)),
        vehicle: z.optional(z.partial(vehicle)),
        lastSeen: z.optional(z.partial(lastSeen)),
      })
      .check(
        z.refine(
          (c) => Object.values(c).some((v) => v !== undefined && Object.keys(v).length > 0),
          'must change at least one field',
        ),
      ),
    note: z.optional(text(500)),
  });
  const updateDecision = approval;
  const extension = z.strictObject({
    hours: z
      .number()
      .check(z.int('must be a whole number'), z.gte(1), z.lte(config.timeouts.maxDurationHours)),
  });

  const listQuery = z.strictObject({
    status: z.optional(z.enum(ALERT_STATUSES)),
  });

  return {
    submission,
    approval,
    resolution,
    updatableFields,
    alertUpdate,
    updateDecision,
    extension,
    listQuery,
    regionCode,
    language,
  };
}

export type Schemas = ReturnType<typeof buildSchemas>;
export type Submission = z.output<Schemas['submission']>;
export type ApprovalRequest = z.output<Schemas['approval']>;
export type ResolutionRequest = z.output<Schemas['resolution']>;
export type AlertUpdateRequest = z.output<Schemas['alertUpdate']>;
export type UpdateChanges = AlertUpdateRequest['changes'];
export type ExtensionRequest = z.output<Schemas['extension']>;
export type {
  ConfirmationRequest,
  DrillRecipientRequest,
  DrillRemovalRequest,
  PhoneSchemas,
  SubscriptionRequest,
  UnsubscriptionRequest,
} from './phone-schemas';
