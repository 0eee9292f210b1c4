import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/**
 * What differs between the deployed stages. Everything else (country, timeouts, SMS budget…) is read by the
 * handlers from lambdas/config/config.ts, whose defaults are the production values.
 */
export type StageName = 'dev' | 'prod';

export interface StageConfig {
  name: StageName;
  /** What happens to stateful resources (tables, keys, user pool, log groups) when the stack is deleted. */
  removalPolicy: RemovalPolicy;
  /** CloudFormation cannot delete the tables or the user pool while this is on. */
  deletionProtection: boolean;
  /** Powertools log level of every function. */
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Where the public alert pages and the CAP feed live (AMBER_PUBLIC_BASE_URL). */
  publicBaseUrl: string;
  /** Upper bound on the price of one SMS, in USD (AMBER_SMS_MAX_PRICE_USD). */
  smsMaxPriceUsd: string;
  /** Retention of every log group of the stage (functions, API access logs, workflow). */
  logRetention: RetentionDays;
  /** Stage-wide API Gateway throttling. */
  apiThrottle: { rateLimit: number; burstLimit: number };
  /**
   * Throttling of the unauthenticated `POST /subscriptions`, which sends an SMS to any number: a low limit
   * caps what SMS pumping (toll fraud) can cost.
   */
  subscribeThrottle: { rateLimit: number; burstLimit: number };
  /** WAF: requests per client IP in 5 minutes on the public routes before 429 (AWS's minimum is 10). */
  publicRateLimitPerClient: number;
  /** The account's SMS monthly spend limit in USD (raised by support case); an alarm fires at 80 %. */
  smsMonthlySpendLimitUsd: number;
  /**
   * The account's SMS quota in messages per second (AMBER_SMS_RATE_PER_SECOND; 20 until raised by support
   * case): the broadcast functions pace by it and the workflow's Map runs quota / 500 shards at once.
   */
  smsRatePerSecond: number;
}

export const STAGES: Readonly<Record<StageName, StageConfig>> = {
  dev: {
    name: 'dev',
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    logLevel: 'DEBUG',
    publicBaseUrl: 'https://dev.amber.example.org',
    smsMaxPriceUsd: '0.10',
    logRetention: RetentionDays.ONE_MONTH,
    apiThrottle: { rateLimit: 10, burstLimit: 20 },
    subscribeThrottle: { rateLimit: 1, burstLimit: 2 },
    publicRateLimitPerClient: 100,
    smsMonthlySpendLimitUsd: 10,
    smsRatePerSecond: 20,
  },
  prod: {
    name: 'prod',
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    logLevel: 'INFO',
    publicBaseUrl: 'https://amber.example.org',
    smsMaxPriceUsd: '0.50',
    logRetention: RetentionDays.ONE_YEAR,
    apiThrottle: { rateLimit: 50, burstLimit: 100 },
    subscribeThrottle: { rateLimit: 5, burstLimit: 10 },
    publicRateLimitPerClient: 300,
    smsMonthlySpendLimitUsd: 5000,
    smsRatePerSecond: 20,
  },
};

export const STAGE_NAMES = Object.keys(STAGES) as StageName[];

export function isStageName(name: unknown): name is StageName {
  return typeof name === 'string' && Object.hasOwn(STAGES, name);
}

/** The configuration of a stage by name; unknown names fail loudly instead of deploying a half-configured stage. */
export function stageConfig(name: unknown = 'dev'): StageConfig {
  if (!isStageName(name)) {
    throw new Error(`Unknown stage ${JSON.stringify(name)}: expected one of ${STAGE_NAMES.join(', ')}`);
  }
  return STAGES[name];
}
