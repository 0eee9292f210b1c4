import * as path from 'node:path';
import { Duration, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, type Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { type AdapterName, accessTo } from '../../lambdas/adapters/aws-access';
import { RESOURCE_ENV } from '../../lambdas/config/config';
import type { StageConfig } from '../stages';

/** The repository root: entries, the lock file and esbuild's working directory are resolved against it. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;

/** Makes `require` work inside the ES module bundle, for the CommonJS dependencies esbuild inlines. */
const ESM_REQUIRE_SHIM =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * Packages replaced in the Lambda bundles by smaller stand-ins (lib/bundling/stand-ins/, each says
 * why); paths are relative to PROJECT_ROOT, esbuild's working directory. Local runs and tests use the packages.
 */
export const BUNDLE_STAND_INS: Readonly<Record<string, string>> = {
  // Lambda hands credentials over in the environment: leave the SDK's default chain (SSO, profiles, STS…) out.
  '@aws-sdk/credential-provider-node': './lib/bundling/stand-ins/lambda-credentials.ts',
  // Node's Intl.Segmenter instead of the library's Unicode tables.
  'grapheme-splitter': './lib/bundling/stand-ins/grapheme-splitter.ts',
  // A Map is an LRU cache; the DynamoDB client's endpoint-discovery cache needs no more.
  'mnemonist/lru-cache': './lib/bundling/stand-ins/lru-cache.ts',
  // No operation here streams events.
  '@smithy/core/event-streams': './lib/bundling/stand-ins/no-event-streams.ts',
};

/**
 * How every function is bundled. bench/cold-start.ts builds its bundles through AmberFunction with these
 * options, so what it measures is what deploys.
 */
export const AMBER_BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node24',
  // The SDK's and zod's ES module builds: esbuild tree-shakes them, not their CommonJS builds.
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_SHIM,
  minify: true,
  // Generated next to the bundle for decoding stack traces offline (files and lines only: no sources), but
  // not enabled at run time: NODE_OPTIONS=--enable-source-maps makes Node parse the whole map (0.6–1.1 MB)
  // at every cold start, about 50 ms of init per function on bench:cold (nodejs/node#41541).
  sourceMap: true,
  sourcesContent: false,
  // Bundle the pinned SDK v3 clients instead of using the runtime's copy.
  bundleAwsSDK: true,
  externalModules: [],
  forceDockerBundling: false,
  // Documented as the default, but only passed to esbuild when set: without it esbuild prints five lines of
  // sizes and timings per function. Warnings and errors still show.
  logLevel: LogLevel.WARNING,
  esbuildArgs: {
    '--alias': Object.entries(BUNDLE_STAND_INS).map(([name, standIn]) => `${name}=${standIn}`),
    // Licence comments of the bundled packages would only add bytes to load at every cold start.
    '--legal-comments': 'none',
  },
};

export interface AmberFunctionProps {
  /** The handler module, relative to the repository root; it exports `handler`. */
  entry: string;
  stage: StageConfig;
  description?: string;
  /** @default 10 seconds (API Gateway gives up after 29) */
  timeout?: Duration;
  /** @default 512 */
  memorySize?: number;
  /** Added to the common variables. */
  environment?: Record<string, string>;
  /** Where failed asynchronous invocations go (the stack's shared, encrypted DLQ). */
  deadLetterQueue?: IQueue;
}

/**
 * A Lambda function of the platform: Node.js 24 on ARM, an ES module bundled locally by esbuild (never in
 * Docker) with the AWS SDK clients inside it, X-Ray tracing, and its own log group with the stage's retention.
 *
 * Resources are bound with the helpers below, which grant the access and set the variable the handler reads
 * (RESOURCE_ENV in lambdas/config/config.ts) in one call: a function has a resource's name iff it may use it.
 */
export class AmberFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: AmberFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.stage.logRetention,
      removalPolicy: props.stage.removalPolicy,
    });
    // Its own role, writing only to its own log group (instead of the managed basic execution policy,
    // which allows every log group of the account).
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `AMBER ${props.stage.name}: ${props.entry}`,
    });
    role.addToPolicy(
      new PolicyStatement({
        sid: 'OwnLogGroupOnly',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    super(scope, id, {
      entry: path.join(PROJECT_ROOT, props.entry),
      role,
      ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      logGroup,
      awsSdkConnectionReuse: false,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'amber-alert',
        POWERTOOLS_LOG_LEVEL: props.stage.logLevel,
        // Alerts carry a child's personal data: keep events out of the logs.
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
        AMBER_STAGE: props.stage.name,
        AMBER_SMS_MAX_PRICE_USD: props.stage.smsMaxPriceUsd,
        AMBER_CODE_SMS_PER_HOUR: String(props.stage.codeSmsPerHour),
        ...props.environment,
      },
      bundling: AMBER_BUNDLING,
    });
    // Lambda sends a failed asynchronous event to the DLQ with the function's role; SQS then asks KMS for a
    // data key under that role. CDK grants only sqs:SendMessage.
    props.deadLetterQueue?.encryptionMasterKey?.grant(role, 'kms:GenerateDataKey', 'kms:Decrypt');
  }
}

export type ResourceEnvName = (typeof RESOURCE_ENV)[keyof typeof RESOURCE_ENV];

export type TableResource = 'alertsTable' | 'subscribersTable' | 'deliveriesTable' | 'tipsTable';

const boundResources = new WeakMap<LambdaFunction, Map<string, string>>();

/** Sets a resource variable, refusing to rebind it to another resource (that would be a wiring bug). */
function setEnv(fn: LambdaFunction, name: ResourceEnvName, value: string): void {
  const bound = boundResources.get(fn) ?? new Map<string, string>();
  const current = bound.get(name);
  if (current !== undefined && current !== value) {
    throw new Error(`${fn.node.path}: ${name} is already bound to another resource`);
  }
  bound.set(name, value);
  boundResources.set(fn, bound);
  fn.addEnvironment(name, value);
}

/** Actions that only read a table: its key need only decrypt for them. */
const TABLE_READS = new Set(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem']);

/**
 * Grants exactly what the handler's adapters send to a table (lambdas/adapters/aws-access.ts: the same
 * declaration test/cdk/grants.test.ts checks against their code), limited to their partitions when they
 * declare some, with the key use that needs; and hands the table's name to the function.
 */
export function bindTable(
  fn: LambdaFunction,
  table: ITable,
  resource: TableResource,
  adapters: readonly AdapterName[],
): void {
  const { actions, leadingKeys } = accessTo(resource, adapters);
  if (actions.length === 0)
    throw new Error(`${fn.node.path}: none of ${adapters.join(', ')} uses ${resource}`);
  if (leadingKeys.length === 0) table.grant(fn, ...actions);
  else {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: [...actions],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': leadingKeys } },
      }),
    );
  }
  const writes = actions.some((action) => !TABLE_READS.has(action));
  table.encryptionKey?.grant(
    fn,
    'kms:Decrypt',
    'kms:DescribeKey',
    ...(writes ? ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'] : []),
  );
  setEnv(fn, RESOURCE_ENV[resource], table.tableName);
}

/** Functions that text phone numbers: their roles deny publishing to any topic. */
const textingFunctions = new WeakSet<LambdaFunction>();
const publishingFunctions = new WeakSet<LambdaFunction>();

/** Grants `sns:Publish` on a topic (and its KMS key) and hands its ARN to the function. */
export function bindTopic(fn: LambdaFunction, topic: ITopic, envName: ResourceEnvName): void {
  if (textingFunctions.has(fn))
    throw new Error(`${fn.node.path}: a function that texts phones publishes to no topic`);
  publishingFunctions.add(fn);
  topic.grantPublish(fn);
  setEnv(fn, envName, topic.topicArn);
}

/**
 * Hands the state machine's ARN to the function with one of two accesses: `start` executions (submission),
 * or wake waiting tasks with their `taskTokens` (approval, resolution).
 *
 * Never bind a function the state machine invokes: the ARN would make the function depend on the state
 * machine, which already depends on the function.
 */
export function bindStateMachine(
  fn: LambdaFunction,
  stateMachine: IStateMachine,
  access: 'start' | 'taskTokens',
): void {
  if (access === 'start') stateMachine.grantStartExecution(fn);
  else allowTaskTokenCallbacks(fn);
  setEnv(fn, RESOURCE_ENV.stateMachineArn, stateMachine.stateMachineArn);
}

/**
 * Lets the function sign approved content (`sign`) or check a signature (`verify`) with the content signing
 * key, and hands the key's ARN to the function.
 */
export function bindSigningKey(fn: LambdaFunction, key: IKey, access: 'sign' | 'verify'): void {
  key.grant(fn, access === 'sign' ? 'kms:Sign' : 'kms:Verify');
  setEnv(fn, RESOURCE_ENV.contentSigningKeyId, key.keyArn);
}

/** Lets the function read the rate-limit HMAC key (a generated secret) and hands it the secret's ARN. */
export function bindRateLimitKey(fn: LambdaFunction, secret: ISecret): void {
  secret.grantRead(fn);
  setEnv(fn, RESOURCE_ENV.rateLimitSecretArn, secret.secretArn);
}

/**
 * Lets the function send SMS directly to phone numbers. A phone number is not an ARN, so IAM cannot scope
 * `sns:Publish` to it: the resource has to be `*`. Give this only to the functions that text people.
 *
 * The account-level SMS preferences (`DefaultSMSType`, spend limit) have no CloudFormation resource; the
 * handlers therefore send `AWS.SNS.SMS.SMSType=Transactional` (and the sender ID and max price) as message
 * attributes on every publish, and the monthly spend limit is raised with a support case per account.
 */
export function allowSmsPublish(fn: LambdaFunction): void {
  // An explicit Deny wins over any Allow, so a function that also had to publish to a topic could not: such
  // a function would need a role of its own for each, and is refused here rather than denied in AWS.
  if (publishingFunctions.has(fn))
    throw new Error(`${fn.node.path}: a function that publishes to a topic texts no phone`);
  textingFunctions.add(fn);
  fn.addToRolePolicy(
    new PolicyStatement({
      sid: 'PublishSmsToPhoneNumbers',
      effect: Effect.ALLOW,
      actions: ['sns:Publish'],
      resources: ['*'],
    }),
  );
  // `sns:Publish` on `*` would also reach every topic of the account: the texts go to phone numbers only.
  fn.addToRolePolicy(
    new PolicyStatement({
      sid: 'PublishToNoTopic',
      effect: Effect.DENY,
      actions: ['sns:Publish'],
      resources: [`arn:${Stack.of(fn).partition}:sns:*:*:*`],
    }),
  );
}

/**
 * Lets the function wake a waiting workflow task with its task token. The SendTask* actions support no
 * resource type (the token names the execution), so the resource has to be `*`.
 */
export function allowTaskTokenCallbacks(fn: LambdaFunction): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      sid: 'WorkflowTaskTokenCallbacks',
      effect: Effect.ALLOW,
      // What SfnWorkflowEngine sends (lambdas/adapters/aws-access.ts): a wake-up, never a failure.
      actions: ['states:SendTaskSuccess'],
      resources: ['*'],
    }),
  );
}
