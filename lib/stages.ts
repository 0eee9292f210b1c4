import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/**
 * What differs between the deployed stages. Everything else (country, timeouts, SMS budget…) is read by the
 * handlers from lambdas/config/config.ts, whose defaults are the production values.
 */
export type StageName = 'dev' | 'prod';

export interface PublicDomainConfig {
  /** Host name of the public side, e.g. `amber.example.org` (`-c publicDomainName=…` overrides it). */
  domainName: string;
  /**
   * The domain's ACM certificate, in the stack's region. Account-specific, so it is usually a deploy-time
   * input: `-c publicCertificateArn=arn:aws:acm:…`.
   */
  certificateArn?: string;
}

export interface StageConfig {
  name: StageName;
  /** What happens to stateful resources (tables, keys, user pool, log groups) when the stack is deleted. */
  removalPolicy: RemovalPolicy;
  /** CloudFormation cannot delete the tables or the user pool while this is on. */
  deletionProtection: boolean;
  /** Powertools log level of every function. */
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /**
   * The public side's custom domain: the SMS links, the alert page and the CAP feed live under it
   * (AMBER_PUBLIC_BASE_URL is `https://<domainName>`). Without one, the links use the API's own
   * execute-api URL, which only a stage with `requirePublicDomain: false` may do.
   */
  publicDomain?: PublicDomainConfig;
  /** A deployment without a public domain (and its certificate) fails at synth: prod. */
  requirePublicDomain: boolean;
  /** Upper bound on the price of one SMS, in USD (AMBER_SMS_MAX_PRICE_USD). */
  smsMaxPriceUsd: string;
  /** Retention of every log group of the stage (functions, API access logs, workflow). */
  logRetention: RetentionDays;
  /** API Gateway throttling: the stage's default, which API Gateway applies to each method on its own. */
  apiThrottle: { rateLimit: number; burstLimit: number };
  /**
   * Each police method's own throttle, set on the method: whatever the public does to its methods (and
   * to the stage default), officers keep this capacity.
   */
  policeThrottle: { rateLimit: number; burstLimit: number };
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
   * Code SMS (subscribe, unsubscribe) the whole stage sends per hour (AMBER_CODE_SMS_PER_HOUR); past it, 429
   * and a page. Sized with the spend limit: docs/operations.md, "How the SMS spend limit is split".
   */
  codeSmsPerHour: number;
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
    requirePublicDomain: false,
    smsMaxPriceUsd: '0.10',
    logRetention: RetentionDays.ONE_MONTH,
    apiThrottle: { rateLimit: 10, burstLimit: 20 },
    policeThrottle: { rateLimit: 5, burstLimit: 10 },
    subscribeThrottle: { rateLimit: 1, burstLimit: 2 },
    publicRateLimitPerClient: 100,
    smsMonthlySpendLimitUsd: 10,
    codeSmsPerHour: 20,
    smsRatePerSecond: 20,
  },
  prod: {
    name: 'prod',
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    logLevel: 'INFO',
    publicDomain: { domainName: 'amber.example.org' },
    requirePublicDomain: true,
    smsMaxPriceUsd: '0.50',
    logRetention: RetentionDays.ONE_YEAR,
    apiThrottle: { rateLimit: 50, burstLimit: 100 },
    policeThrottle: { rateLimit: 25, burstLimit: 50 },
    subscribeThrottle: { rateLimit: 5, burstLimit: 10 },
    publicRateLimitPerClient: 300,
    smsMonthlySpendLimitUsd: 5000,
    codeSmsPerHour: 500,
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

/** What `cdk deploy -c …` may add to a stage: the account-specific parts of its public domain. */
export interface DeployInputs {
  publicDomainName?: string;
  publicCertificateArn?: string;
}

const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * The stage with its deploy-time inputs. A stage that requires a public domain and has no complete one
 * fails here, at synth, rather than texting parents links that lead nowhere.
 */
export function withDeployInputs(stage: StageConfig, inputs: DeployInputs = {}): StageConfig {
  const domainName = inputs.publicDomainName || stage.publicDomain?.domainName;
  const certificateArn = inputs.publicCertificateArn || stage.publicDomain?.certificateArn;
  if (!domainName || !certificateArn) {
    if (!stage.requirePublicDomain && !domainName && !certificateArn)
      return { ...stage, publicDomain: undefined };
    throw new Error(
      `Stage ${stage.name} needs its public domain and certificate (SMS links, the alert page and the CAP feed live there): ` +
        `got domain ${JSON.stringify(domainName ?? null)}, certificate ${JSON.stringify(certificateArn ?? null)}. ` +
        'Deploy with -c publicCertificateArn=arn:aws:acm:<region>:<account>:certificate/<id> ' +
        '(and -c publicDomainName=<host> to override lib/stages.ts); see docs/operations.md.',
    );
  }
  if (!HOST_NAME.test(domainName))
    throw new Error(`Invalid public domain name ${JSON.stringify(domainName)}`);
  if (!CERTIFICATE_ARN.test(certificateArn)) {
    throw new Error(
      `Invalid certificate ARN ${JSON.stringify(certificateArn)}: expected arn:aws:acm:…:certificate/…`,
    );
  }
  return { ...stage, publicDomain: { domainName, certificateArn } };
}

/** The public base URL of a stage that has a custom domain (AMBER_PUBLIC_BASE_URL), else undefined. */
export const publicDomainUrl = (stage: StageConfig): string | undefined =>
  stage.publicDomain ? `https://${stage.publicDomain.domainName}` : undefined;
