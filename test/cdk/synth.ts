import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { createAmberApp } from '../../lib/amber-app';
import type { AmberStack } from '../../lib/amber-stack';
import type { StageName } from '../../lib/stages';

export interface SynthOptions {
  stage?: StageName;
  /**
   * Run esbuild for every function (seconds per function). Off, CDK's standard
   * `aws:cdk:bundling-stacks` context skips bundling: the template is the same but for asset hashes.
   */
  bundle?: boolean;
  /** Run the built-in CloudFormation validation (about 10 s). */
  validate?: boolean;
  context?: Record<string, unknown>;
}

export interface Synthesized {
  stack: AmberStack;
  template: Template;
  /** Logical id of a function's AWS::Lambda::Function. */
  logicalId(fn: LambdaFunction): string;
}

/**
 * The deploy-time inputs an offline synth of any stage needs (prod requires its public domain's certificate):
 * what `npm run synth` passes too.
 */
export const OFFLINE_DEPLOY_INPUTS = {
  publicCertificateArn:
    'arn:aws:acm:eu-central-1:111122223333:certificate/00000000-0000-0000-0000-000000000000',
} as const;

/** Builds the app as bin/amber.ts does and synthesizes it: call once per test file, in beforeAll. */
export function synthAmber({
  stage = 'dev',
  bundle = false,
  validate = false,
  context = {},
}: SynthOptions = {}): Synthesized {
  const { stack } = createAmberApp({
    context: {
      stage,
      // The fuller stack by default: with two-way SMS (an operator short code), so that the inbound parts
      // are under test too. edge.test.ts checks the country's own default (Albania: none).
      twoWaySms: true,
      ...(stage === 'prod' ? OFFLINE_DEPLOY_INPUTS : {}),
      ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...context,
    },
    appProps: { builtinCloudFormationValidation: validate },
  });
  const template = Template.fromStack(stack);
  return {
    stack,
    template,
    logicalId: (fn) => Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnFunction),
  };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** Every resource of a type, by logical id. */
export function resourcesOfType(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

/** `{ "Fn::GetAtt": [id, "Arn"] }` and friends, as they appear in templates. */
export const getAttArn = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

export type PolicyStatementJson = {
  Sid?: string;
  Effect: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: unknown;
  NotResource?: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};

/** Every statement of the identity policies attached to a role (by the role's logical id). */
export function roleStatements(template: Template, roleId: string): PolicyStatementJson[] {
  return Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
    .map((r) => r.Properties as { Roles: unknown[]; PolicyDocument: { Statement: PolicyStatementJson[] } })
    .filter((p) => p.Roles.some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap((p) => p.PolicyDocument.Statement);
}

export const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
