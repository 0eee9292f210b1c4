import { App, type AppProps } from 'aws-cdk-lib';
import { AmberStack } from './amber-stack';
import type { SupervisorContact } from './constructs/messaging';
import { acknowledgeNagFindings } from './nag-acknowledgements';
import { stageConfig, withDeployInputs } from './stages';

/**
 * Feature flags this app relies on, set as app context so that they hold for `cdk synth`, the tests and
 * anything else that builds the app. cdk.json and `-c` still take precedence.
 */
export const AMBER_FEATURE_FLAGS = {
  // Changing the authorizer redeploys the API stage (otherwise the change waits for another method change).
  '@aws-cdk/aws-apigateway:authorizerChangeDeploymentLogicalId': true,
  // The access log destination is the log group's ARN, not `…:*`.
  '@aws-cdk/aws-apigateway:logGroupDestinationArnWithoutWildcard': true,
  // Merges IAM statements, keeping the many table and key grants well under the policy size limit.
  '@aws-cdk/aws-iam:minimizePolicies': true,
  // An invalid template (built-in CloudFormation validation) fails the synth instead of warning.
  '@aws-cdk/core:validateAgainstDefaultRules': true,
} as const;

export interface AmberAppOptions {
  /** Extra context, as `-c key=value` would give it (e.g. `stage`). */
  context?: Record<string, unknown>;
  /** Passed to App: the tests choose an outdir and may skip the built-in validation. */
  appProps?: Omit<AppProps, 'context'>;
}

/**
 * The CDK app: one environment-agnostic stack, for the stage named by the `stage` context (default dev).
 * It needs no AWS credentials and makes no context lookups, so `cdk synth` works offline.
 *
 * Deploy-time inputs (contact details stay out of the repository):
 *   -c supervisors='[{"directorate":"AL-11","email":"…"},{"directorate":"NATIONAL","phone":"+355…"}]'
 *   -c onCallEmails='["oncall@…"]'
 *   -c publicCertificateArn=arn:aws:acm:…   (the public domain's certificate; required for prod)
 *   -c publicDomainName=amber.example.org   (overrides the stage's domain)
 *   -c twoWaySms=true                       (replies can reach the platform: overrides the country profile)
 */
export function createAmberApp({ context = {}, appProps = {} }: AmberAppOptions = {}): {
  app: App;
  stack: AmberStack;
} {
  const app = new App({ ...appProps, context: { ...AMBER_FEATURE_FLAGS, ...context } });
  const stage = withDeployInputs(stageConfig(app.node.tryGetContext('stage') ?? 'dev'), {
    publicDomainName: stringContext(app, 'publicDomainName'),
    publicCertificateArn: stringContext(app, 'publicCertificateArn'),
  });
  const stack = new AmberStack(app, `Amber-${stage.name}`, {
    stage,
    supervisors: jsonContext<SupervisorContact>(app, 'supervisors'),
    onCallEmails: jsonContext<string>(app, 'onCallEmails'),
    ...booleanContext(app, 'twoWaySms'),
  });
  // Here rather than in the stack's constructor: the acknowledgements read the stack's parts, so the stack
  // importing them would make the two modules import each other.
  acknowledgeNagFindings(stack);
  return { app, stack };
}

/** Context given on the command line arrives as a string; cdk.json and tests may give an array. */
function jsonContext<T>(app: App, key: string): T[] {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === '') return [];
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(parsed)) throw new Error(`Context ${key} must be a JSON array`);
  return parsed as T[];
}

function stringContext(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context ${key} must be a string`);
  return value;
}

function booleanContext(app: App, key: 'twoWaySms'): { twoWaySms?: boolean } {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === '') return {};
  if (value === true || value === 'true') return { [key]: true };
  if (value === false || value === 'false') return { [key]: false };
  throw new Error(`Context ${key} must be true or false`);
}
