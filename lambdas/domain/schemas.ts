import * as z from 'zod';
import type { AmberConfig } from '../config/config';
import { ALERT_STATUSES } from './alert';

/**
 * Request schemas. Every object is strict (unknown fields are refused) and every type the handlers use is
 * inferred from here. Schemas that depend on the country (region codes, criteria) are built from the
 * configuration, by each handler on its first request (memo). Schemas taking a phone number are in
 * phone-schemas.ts, so that only the handlers that need them carry libphonenumber-js's metadata.
 */

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

export const isoDateTimeWithOffset = z.iso.datetime({ offset: true, local: false });

/** The country's region codes and languages, shared by buildSchemas and buildPhoneSchemas. */
export function buildCountryFields(config: AmberConfig) {
  const regionCode = z.enum(config.regionCodes as [string, ...string[]], {
    error: () => `must be one of ${config.regionCodes.join(', ')}`,
  });
  const language = z.enum(config.country.languages as [string, ...string[]], {
    error: () => `must be one of ${config.country.languages.join(', ')}`,
  });
  const counties = z
    .array(regionCode)
    .min(1, 'at least one county')
    .refine((list) => new Set(list).size === list.length, 'must not contain duplicates');
  return { regionCode, language, counties };
}

export function buildSchemas(config: AmberConfig) {
  const { regionCode, language, counties } = buildCountryFields(config);

  const criteria = z
    .strictObject({ abductionBelieved: z.boolean(), imminentDanger: z.boolean() })
    .superRefine((value, ctx) => {
      for (const criterion of config.requiredCriteria) {
        if (value[criterion] !== true) {
          ctx.addIssue({ code: 'custom', path: [criterion], message: 'is required to issue an AMBER Alert' });
        }
      }
    });

  const child = z.strictObject({
    name: text(100),
    age: z.number().int('must be a whole number').min(0).max(17, 'must be 17 or younger'),
    description: text(1000),
    photoUrl: z
      .url({ protocol: /^https$/, error: 'must be an https URL' })
      .max(2048)
      .optional(),
  });
  const suspect = z.strictObject({ name: text(100).optional(), description: text(1000) });
  const vehicle = z.strictObject({
    plate: text(20).optional(),
    make: text(40).optional(),
    model: text(40).optional(),
    color: text(30).optional(),
  });
  const lastSeen = z.strictObject({
    place: text(200),
    county: regionCode,
    at: isoDateTimeWithOffset.refine(
      (at) => Date.parse(at) <= Date.now() + 60_000,
      'must not be in the future',
    ),
  });

  const submission = z.strictObject({
    caseNumber: text(64),
    mode: z.enum(['LIVE', 'EXERCISE']).default('LIVE'),
    child,
    suspect: suspect.optional(),
    vehicle: vehicle.optional(),
    lastSeen,
    counties,
    criteria,
    durationHours: z
      .number()
      .int()
      .min(1)
      .max(config.timeouts.maxDurationHours)
      .default(config.timeouts.defaultDurationHours),
  });

  const approval = z
    .strictObject({ decision: z.enum(['APPROVE', 'REJECT']), reason: text(500).optional() })
    .refine((v) => v.decision !== 'REJECT' || v.reason !== undefined, {
      path: ['reason'],
      message: 'is required to reject',
    });

  const resolution = z.strictObject({ outcome: z.enum(['FOUND', 'CANCELLED']), note: text(500).optional() });

  // An update changes some public fields of an active alert; each object given is merged into the alert's.
  const updatableFields = z.strictObject({
    child,
    suspect: suspect.optional(),
    vehicle: vehicle.optional(),
    lastSeen,
  });
  const alertUpdate = z.strictObject({
    changes: z
      .strictObject({
        child: child.partial().optional(),
        suspect: suspect.partial().optional(),
        vehicle: vehicle.partial().optional(),
        lastSeen: lastSeen.partial().optional(),
      })
      .refine(
        (c) => Object.values(c).some((v) => v !== undefined && Object.keys(v).length > 0),
        'must change at least one field',
      ),
    note: text(500).optional(),
  });
  const updateDecision = approval;
  const extension = z.strictObject({
    hours: z.number().int('must be a whole number').min(1).max(config.timeouts.maxDurationHours),
  });

  const listQuery = z.strictObject({
    status: z.enum(ALERT_STATUSES).optional(),
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
  PhoneSchemas,
  SubscriptionRequest,
  UnsubscriptionRequest,
} from './phone-schemas';
