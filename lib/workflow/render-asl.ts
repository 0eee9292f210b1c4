import { App, Stack } from 'aws-cdk-lib';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { ChainDefinitionBody, StateGraph } from 'aws-cdk-lib/aws-stepfunctions';
import { buildAlertWorkflow, DEFAULT_WORKFLOW_TIMEOUTS } from './alert-workflow';

/** Function names the rendered ASL refers to; the local platform binds each to its handler module. */
export const LOCAL_FUNCTION_NAMES = {
  steps: 'amber-workflow-steps',
  broadcast: 'amber-broadcast',
  sendShard: 'amber-broadcast-shard',
} as const;

const localArn = (name: string) => `arn:aws:lambda:eu-central-1:000000000000:function:${name}`;

/**
 * Renders the alert workflow to concrete Amazon States Language, from the same builder the stack deploys.
 * The functions are referenced by fixed ARNs so that the output holds plain strings, not CDK tokens. The
 * SMS quota is no part of it: the plan reads it at run time and hands the Map its concurrency.
 */
export function renderAlertWorkflowAsl(): AslDefinition {
  const stack = new Stack(new App(), 'AslRender', {
    env: { account: '000000000000', region: 'eu-central-1' },
  });
  const fns = {
    steps: LambdaFunction.fromFunctionArn(stack, 'StepsFunction', localArn(LOCAL_FUNCTION_NAMES.steps)),
    broadcast: LambdaFunction.fromFunctionArn(
      stack,
      'BroadcastFunction',
      localArn(LOCAL_FUNCTION_NAMES.broadcast),
    ),
    sendShard: LambdaFunction.fromFunctionArn(
      stack,
      'SendShardFunction',
      localArn(LOCAL_FUNCTION_NAMES.sendShard),
    ),
  };
  const chain = buildAlertWorkflow(stack, fns, DEFAULT_WORKFLOW_TIMEOUTS);
  const body = ChainDefinitionBody.fromChainable(chain);
  const graph = new StateGraph((body as ChainDefinitionBody).chainable.startState, 'AlertWorkflow');
  return resolvePseudoParameters(stack.resolve(graph.toGraphJson())) as AslDefinition;
}

const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'eu-central-1',
  'AWS::AccountId': '000000000000',
};

/** Folds the few intrinsics a resolved graph still holds (`Fn::Join` of `Ref AWS::Partition`) into strings. */
function resolvePseudoParameters(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolvePseudoParameters);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const ref = record.Ref;
  if (typeof ref === 'string' && PSEUDO[ref]) return PSEUDO[ref];
  const join = record['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return (join[1] as unknown[]).map((part) => String(resolvePseudoParameters(part))).join(join[0]);
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, resolvePseudoParameters(v)]));
}

export interface AslDefinition {
  StartAt: string;
  States: Record<string, Record<string, unknown>>;
  TimeoutSeconds?: number;
}
