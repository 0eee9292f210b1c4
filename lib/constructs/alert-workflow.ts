import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { StageConfig } from '../stages';
import { buildAlertWorkflow, DEFAULT_WORKFLOW_TIMEOUTS } from '../workflow/alert-workflow';
import { AmberFunction } from './amber-function';

/** The workflow's Lambda handlers, relative to the repository root. */
export const WORKFLOW_HANDLERS = {
  steps: 'lambdas/handlers/workflow/steps.ts',
  broadcast: 'lambdas/handlers/workflow/broadcast.ts',
} as const;

export interface AlertWorkflowProps {
  stage: StageConfig;
  /** The stack's shared dead-letter queue, for both functions. */
  deadLetterQueue?: IQueue;
}

/**
 * The alert workflow on AWS: the two functions it invokes and the Standard state machine built from
 * lib/workflow/alert-workflow.ts. The states live in their own child construct, so their ids (`Route`,
 * `Broadcast`…) cannot clash with anything else in the stack.
 *
 * Permissions on tables and topics are bound by the stack. The steps function gets no STATE_MACHINE_ARN:
 * the state machine depends on it, and it only answers task tokens, which needs no ARN.
 */
export class AlertWorkflow extends Construct {
  readonly steps: AmberFunction;
  readonly broadcast: AmberFunction;
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, { stage, deadLetterQueue }: AlertWorkflowProps) {
    super(scope, id);
    const dlq = deadLetterQueue ? { deadLetterQueue } : {};

    this.steps = new AmberFunction(this, 'Steps', {
      entry: WORKFLOW_HANDLERS.steps,
      stage,
      description: 'Alert workflow: route, await, time-outs, failure',
      timeout: DEFAULT_WORKFLOW_TIMEOUTS.step,
      ...dlq,
    });
    this.broadcast = new AmberFunction(this, 'Broadcast', {
      entry: WORKFLOW_HANDLERS.broadcast,
      stage,
      description: 'Alert workflow: send one message of an alert to every subscriber',
      timeout: DEFAULT_WORKFLOW_TIMEOUTS.broadcast,
      memorySize: 1024,
      ...dlq,
    });

    this.logGroup = new LogGroup(this, 'Logs', {
      // Step Functions writes through a log delivery: `/aws/vendedlogs/` keeps the resource policy small.
      logGroupName: `/aws/vendedlogs/states/amber-${stage.name}-alert-workflow`,
      retention: stage.logRetention,
      removalPolicy: stage.removalPolicy,
    });

    const states = new Construct(this, 'States');
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: `amber-${stage.name}-alert-workflow`,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(
        buildAlertWorkflow(states, { steps: this.steps, broadcast: this.broadcast }),
      ),
      tracingEnabled: true,
      // ALL shows every transition; the execution data (the alert) stays out of the logs.
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: false },
      removalPolicy: stage.removalPolicy,
    });
  }
}
