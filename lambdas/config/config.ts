import * as z from 'zod/mini';
import './zod-locale';
import { albania } from './albania';
import type { CountryProfile } from './country-profile';

/**
 * The one configuration module. Every setting that differs between countries, stages or machines is
 * read here, from the environment, with Albania and production-safe values as defaults.
 */

/** Every deployable country; test/unit/config/country-profile.test.ts checks each against CountryProfileSchema. */
export const countryProfiles: Readonly<Record<string, CountryProfile>> = { AL: albania };

/** A whole number from a variable, between min and max, or the fallback when the variable is unset. */
const intFromEnv = (min: number, max: number, fallback: number) =>
  z._default(z.pipe(z.coerce.number(), z.int().check(z.gte(min), z.lte(max))), fallback);

// zod/mini (./zod.ts): every handler parses this at init.
const EnvSchema = z.object({
  AMBER_COUNTRY: z._default(z.string(), 'AL'),
  AMBER_STAGE: z._default(z.string(), 'dev'),
  AMBER_PUBLIC_BASE_URL: z._default(z.url(), 'https://amber.example.org'),
  AMBER_APPROVAL_TIMEOUT_MINUTES: intFromEnv(1, 24 * 60, 60),
  AMBER_UPDATE_APPROVAL_TIMEOUT_MINUTES: intFromEnv(1, 24 * 60, 30),
  AMBER_DEFAULT_DURATION_HOURS: intFromEnv(1, 168, 24),
  /** Local platform only: every workflow deadline is this many times shorter. Always 1 in AWS. */
  AMBER_TIME_SCALE: z._default(z.coerce.number().check(z.gte(1), z.lte(1_000_000)), 1),
  AMBER_REQUIRED_CRITERIA: z._default(z.string(), 'abductionBelieved,imminentDanger'),
  AMBER_SMS_SEGMENT_BUDGET: intFromEnv(1, 10, 1),
  AMBER_SMS_TRANSLITERATE: z._default(z.enum(['true', 'false']), 'true'),
  AMBER_SMS_MAX_PRICE_USD: z._default(z.string().check(z.regex(/^\d+(\.\d+)?$/)), '0.50'),
  AMBER_SMS_RATE_PER_SECOND: intFromEnv(1, 100_000, 20),
  /** Overrides the country profile's twoWaySms: replies reach the platform (inbound SMS topic deployed). */
  AMBER_TWO_WAY_SMS: z.optional(z.enum(['true', 'false'])),
  /** In AWS: the SSM parameter holding the current SMS quota; AMBER_SMS_RATE_PER_SECOND is then its fallback. */
  AMBER_SMS_RATE_PARAMETER: z.optional(z.string().check(z.regex(/^\/[A-Za-z0-9_./-]+$/))),
  AMBER_CODE_TTL_MINUTES: intFromEnv(1, 24 * 60, 15),
  AMBER_MAX_CONFIRM_ATTEMPTS: intFromEnv(1, 20, 5),
  AMBER_CODES_PER_PHONE_PER_HOUR: intFromEnv(1, 1000, 3),
  AMBER_CODES_PER_CLIENT_PER_HOUR: intFromEnv(1, 100_000, 20),
  AMBER_CODE_SMS_PER_HOUR: intFromEnv(1, 1_000_000, 1000),
  AMBER_RETENTION_DAYS: intFromEnv(1, 3650, 30),
  AMBER_UNCONFIRMED_RETENTION_DAYS: intFromEnv(1, 365, 2),
  AMBER_REMOVED_RETENTION_DAYS: intFromEnv(1, 3650, 30),
  AMBER_TIPS_PER_CLIENT_PER_HOUR: intFromEnv(1, 1_000_000, 30),
  AMBER_TIPS_PER_ALERT_PER_MINUTE: intFromEnv(1, 10_000_000, 1200),
  AMBER_TIP_CONTACT_RETENTION_DAYS: intFromEnv(1, 3650, 30),
  /** Local platform: requests per second and burst per client on the public routes; 0 turns it off. */
  AMBER_PUBLIC_RATE_PER_SECOND: intFromEnv(0, 100_000, 50),
  AMBER_PUBLIC_BURST: intFromEnv(1, 100_000, 100),
});

export const ALERT_CRITERIA = ['abductionBelieved', 'imminentDanger'] as const;
export type AlertCriterion = (typeof ALERT_CRITERIA)[number];

export interface AmberConfig {
  stage: string;
  country: CountryProfile;
  regionCodes: readonly string[];
  /** Police directorates: one per region, plus the national one that sees everything. */
  directorates: readonly string[];
  publicBaseUrl: string;
  requiredCriteria: readonly AlertCriterion[];
  timeouts: {
    approvalMinutes: number;
    updateApprovalMinutes: number;
    defaultDurationHours: number;
    maxDurationHours: number;
    timeScale: number;
  };
  sms: {
    senderId: string;
    smsType: 'Transactional';
    maxPriceUsd: string;
    segmentBudget: number;
    transliterate: boolean;
    /** The SMS quota when no parameter is set (local platform, tests), or when it cannot be read. */
    ratePerSecond: number;
    /** SSM parameter with the current quota, read at run time (lambdas/ports/sms-quota.ts). */
    ratePerSecondParameter?: string;
    /** Replies reach the platform: the texts say "reply STOP"; otherwise they give the web route. */
    twoWay: boolean;
    /** The public page where a subscriber ends alerts (the texts give it when replies cannot reach us). */
    stopUrl: string;
  };
  subscriptions: {
    codeTtlMinutes: number;
    maxConfirmAttempts: number;
    /** SMS codes one phone may be sent per hour (subscription and unsubscription together). */
    codesPerPhonePerHour: number;
    /** SMS codes one client (source IP) may ask for per hour. */
    codesPerClientPerHour: number;
    /**
     * SMS codes the whole platform sends per hour, whoever asks: the cap on what code SMS can spend, so that
     * pumping through many IPs cannot use up the account's SMS spend limit that alerts need.
     */
    codeSmsPerHour: number;
  };
  /** Days an ended alert keeps its personal fields (docs/retention.md). */
  retentionDays: number;
  /** Days a subscriber profile is kept once it has no purpose (docs/retention.md). */
  subscriberRetention: {
    /** A number that asked for a code and never confirmed it. */
    unconfirmedDays: number;
    /** A phone that unsubscribed or replied STOP. */
    removedDays: number;
  };
  tips: {
    /** Tips one client (source IP) may send per hour, over every alert. */
    perClientPerHour: number;
    /** Tips one alert accepts per minute, from everyone: beyond it 429, and the flood alarm counts them. */
    perAlertPerMinute: number;
    /**
     * Days after the alert ends when the tips' contact details (phone, name) are removed; never later than
     * the alert's own purge (retentionDays), which is when the purge stops looking at the alert.
     */
    contactRetentionDays: number;
    /** Urgent (`seenNow`) tips notify the directorate at most once per alert in this window (time-scaled). */
    urgentWindowSeconds: number;
  };
  /**
   * The local API Gateway stand-in's per-client token bucket on the public routes (429 beyond it); in AWS the
   * WAF rate rule and the stage throttling do this. ratePerSecond 0: no limit (the fuzz suite).
   */
  publicThrottle: { ratePerSecond: number; burst: number };
}

export const NATIONAL = 'NATIONAL';

export function loadConfig(env: Record<string, string | undefined> = process.env): AmberConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${z.prettifyError(parsed.error)}`);
  }
  const e = parsed.data;
  // The profiles are code, checked against CountryProfileSchema by test/unit/config/country-profile.test.ts
  // rather than at every cold start.
  const country = countryProfiles[e.AMBER_COUNTRY];
  if (!country) throw new Error(`Unknown AMBER_COUNTRY ${e.AMBER_COUNTRY}`);
  const criteria = e.AMBER_REQUIRED_CRITERIA.split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  const unknown = criteria.filter((c) => !(ALERT_CRITERIA as readonly string[]).includes(c));
  if (unknown.length > 0)
    throw new Error(`Unknown criteria in AMBER_REQUIRED_CRITERIA: ${unknown.join(', ')}`);
  const regionCodes = country.regions.map((r) => r.code);
  return {
    stage: e.AMBER_STAGE,
    country,
    regionCodes,
    directorates: [...regionCodes, NATIONAL],
    publicBaseUrl: e.AMBER_PUBLIC_BASE_URL.replace(/\/+$/, ''),
    requiredCriteria: criteria as AlertCriterion[],
    timeouts: {
      approvalMinutes: e.AMBER_APPROVAL_TIMEOUT_MINUTES,
      updateApprovalMinutes: e.AMBER_UPDATE_APPROVAL_TIMEOUT_MINUTES,
      defaultDurationHours: e.AMBER_DEFAULT_DURATION_HOURS,
      maxDurationHours: 168,
      timeScale: e.AMBER_TIME_SCALE,
    },
    sms: {
      senderId: country.smsSenderId,
      smsType: 'Transactional',
      maxPriceUsd: e.AMBER_SMS_MAX_PRICE_USD,
      segmentBudget: e.AMBER_SMS_SEGMENT_BUDGET,
      transliterate: e.AMBER_SMS_TRANSLITERATE === 'true',
      ratePerSecond: e.AMBER_SMS_RATE_PER_SECOND,
      ...(e.AMBER_SMS_RATE_PARAMETER ? { ratePerSecondParameter: e.AMBER_SMS_RATE_PARAMETER } : {}),
      twoWay: e.AMBER_TWO_WAY_SMS === undefined ? country.twoWaySms : e.AMBER_TWO_WAY_SMS === 'true',
      stopUrl: `${e.AMBER_PUBLIC_BASE_URL.replace(/\/+$/, '')}/unsubscribe`,
    },
    subscriptions: {
      codeTtlMinutes: e.AMBER_CODE_TTL_MINUTES,
      maxConfirmAttempts: e.AMBER_MAX_CONFIRM_ATTEMPTS,
      codesPerPhonePerHour: e.AMBER_CODES_PER_PHONE_PER_HOUR,
      codesPerClientPerHour: e.AMBER_CODES_PER_CLIENT_PER_HOUR,
      codeSmsPerHour: e.AMBER_CODE_SMS_PER_HOUR,
    },
    retentionDays: e.AMBER_RETENTION_DAYS,
    subscriberRetention: {
      unconfirmedDays: e.AMBER_UNCONFIRMED_RETENTION_DAYS,
      removedDays: e.AMBER_REMOVED_RETENTION_DAYS,
    },
    tips: {
      perClientPerHour: e.AMBER_TIPS_PER_CLIENT_PER_HOUR,
      perAlertPerMinute: e.AMBER_TIPS_PER_ALERT_PER_MINUTE,
      contactRetentionDays: Math.min(e.AMBER_TIP_CONTACT_RETENTION_DAYS, e.AMBER_RETENTION_DAYS),
      urgentWindowSeconds: 60,
    },
    publicThrottle: { ratePerSecond: e.AMBER_PUBLIC_RATE_PER_SECOND, burst: e.AMBER_PUBLIC_BURST },
  };
}

/** Names of the deployed resources, handed to each Lambda by the CDK app (or the local platform). */
export interface ResourceNames {
  alertsTable: string;
  subscribersTable: string;
  deliveriesTable: string;
  tipsTable: string;
  stateMachineArn?: string;
  approvalsTopicArn?: string;
  opsTopicArn?: string;
  contentSigningKeyId?: string;
  /** The Secrets Manager secret that keys the rate-limit counters' HMAC. */
  rateLimitSecretArn?: string;
}

export const RESOURCE_ENV = {
  alertsTable: 'ALERTS_TABLE',
  subscribersTable: 'SUBSCRIBERS_TABLE',
  deliveriesTable: 'DELIVERIES_TABLE',
  tipsTable: 'TIPS_TABLE',
  stateMachineArn: 'STATE_MACHINE_ARN',
  approvalsTopicArn: 'APPROVALS_TOPIC_ARN',
  opsTopicArn: 'OPS_TOPIC_ARN',
  contentSigningKeyId: 'CONTENT_SIGNING_KEY_ID',
  rateLimitSecretArn: 'RATE_LIMIT_SECRET_ARN',
} as const satisfies Record<keyof ResourceNames, string>;

export function loadResourceNames(env: Record<string, string | undefined> = process.env): ResourceNames {
  return {
    alertsTable: env[RESOURCE_ENV.alertsTable] ?? 'amber-alerts',
    subscribersTable: env[RESOURCE_ENV.subscribersTable] ?? 'amber-subscribers',
    deliveriesTable: env[RESOURCE_ENV.deliveriesTable] ?? 'amber-deliveries',
    tipsTable: env[RESOURCE_ENV.tipsTable] ?? 'amber-tips',
    stateMachineArn: env[RESOURCE_ENV.stateMachineArn],
    approvalsTopicArn: env[RESOURCE_ENV.approvalsTopicArn],
    opsTopicArn: env[RESOURCE_ENV.opsTopicArn],
    contentSigningKeyId: env[RESOURCE_ENV.contentSigningKeyId],
    rateLimitSecretArn: env[RESOURCE_ENV.rateLimitSecretArn],
  };
}
