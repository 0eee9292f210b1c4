import { Duration, Fn, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterPattern, LogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, type IConstruct } from 'constructs';
import type { StageConfig } from '../stages';
import { buildAlertWorkflow, DEFAULT_WORKFLOW_TIMEOUTS } from '../workflow/alert-workflow';
import { AmberFunction } from './amber-function';

/** The workflow's Lambda handlers, relative to the repository root. */
export const WORKFLOW_HANDLERS = {
  steps: 'lambdas/handlers/workflow/steps.ts',
  broadcast: 'lambdas/handlers/workflow/broadcast.ts',
  sendShard: 'lambdas/handlers/workflow/send-shard.ts',
} as const;

/** Page ops when more than this share of a broadcast's deliveries failed (invalid or opted-out numbers…). */
export const DELIVERY_FAILURE_RATIO_THRESHOLD = 0.05;
/** Where the broadcast's own delivery accounting is published (one data point per finished message). */
export const DELIVERY_METRICS_NAMESPACE = 'Amber/Broadcast';

/** The SSM parameter ops set to the account's SMS quota (docs/operations.md). */
export const smsRateParameterName = (stage: string) => `/amber/${stage}/sms-rate-per-second`;

export interface AlertWorkflowProps {
  stage: StageConfig;
  /** The stack's shared dead-letter queue, for every function. */
  deadLetterQueue?: IQueue;
  /** Where the delivery failure-ratio alarm pages the on-call team. */
  opsTopic?: ITopic;
}

/**
 * The alert workflow on AWS: the three functions it invokes (steps; broadcast plan/finish; send-shard) and the Standard state machine built from
 * lib/workflow/alert-workflow.ts. The states live in their own child construct, so their ids (`Route`,
 * `Broadcast`…) cannot clash with anything else in the stack.
 *
 * Permissions on tables and topics are bound by the stack. The steps function gets no STATE_MACHINE_ARN:
 * the state machine depends on it, and it only answers task tokens, which needs no ARN.
 */
export class AlertWorkflow extends Construct {
  readonly steps: AmberFunction;
  readonly broadcast: AmberFunction;
  readonly sendShard: AmberFunction;
  readonly deliveryFailureAlarm: Alarm;
  /** The plan/finish function's errors are in OpsAlarms (BroadcastErrors); the senders' are here. */
  readonly sendShardErrorsAlarm: Alarm;
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;
  /** The account's SMS quota in messages per second, which ops change without a redeploy. */
  readonly smsRateParameter: StringParameter;

  constructor(scope: Construct, id: string, { stage, deadLetterQueue, opsTopic }: AlertWorkflowProps) {
    super(scope, id);
    const dlq = deadLetterQueue ? { deadLetterQueue } : {};
    // The SMS quota is read at run time from this parameter (cached a minute): the plan derives the shard
    // count, hence the Map's concurrency, and each shard its pace from it. A redeploy writes the value only
    // when stages.ts changes it. AMBER_SMS_RATE_PER_SECOND is the fallback if the parameter cannot be read.
    this.smsRateParameter = new StringParameter(this, 'SmsRatePerSecond', {
      parameterName: smsRateParameterName(stage.name),
      description: 'SMS messages per second the account may send (the SNS quota): raise it with the quota',
      stringValue: String(stage.smsRatePerSecond),
    });
    const quota = {
      AMBER_SMS_RATE_PER_SECOND: String(stage.smsRatePerSecond),
      AMBER_SMS_RATE_PARAMETER: this.smsRateParameter.parameterName,
    };

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
      description: 'Alert workflow: plan one message of an alert into shards, then record its outcome',
      timeout: DEFAULT_WORKFLOW_TIMEOUTS.broadcast,
      memorySize: 1024,
      environment: quota,
      ...dlq,
    });
    this.sendShard = new AmberFunction(this, 'SendShard', {
      entry: WORKFLOW_HANDLERS.sendShard,
      stage,
      description: 'Alert workflow: send the pending deliveries of one shard at its share of the SMS quota',
      timeout: DEFAULT_WORKFLOW_TIMEOUTS.broadcast,
      memorySize: 1024,
      environment: quota,
      ...dlq,
    });
    for (const reader of [this.broadcast, this.sendShard]) {
      reader.addToRolePolicy(
        new PolicyStatement({
          sid: 'ReadSmsRate',
          actions: ['ssm:GetParameter'],
          resources: [this.smsRateParameter.parameterArn],
        }),
      );
    }
    this.deliveryFailureAlarm = this.deliveryFailureRatioAlarm(opsTopic);
    this.sendShardErrorsAlarm = new Alarm(this, 'SendShardErrors', {
      metric: this.sendShard.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription:
        'A send-shard invocation failed: the workflow retries it (sending is idempotent per phone); if it keeps failing the alert is FAILED.',
    });
    if (opsTopic) {
      this.sendShardErrorsAlarm.addAlarmAction(new SnsAction(opsTopic));
      this.sendShardErrorsAlarm.addOkAction(new SnsAction(opsTopic));
    }

    this.logGroup = new LogGroup(this, 'Logs', {
      // Step Functions writes through a log delivery: `/aws/vendedlogs/` keeps the resource policy small.
      // The stack's id ends the name: a log group retained by a rolled-back first deploy cannot block the
      // next one with "already exists".
      logGroupName: `/aws/vendedlogs/states/amber-${stage.name}-alert-workflow-${stackUuid(this)}`,
      retention: stage.logRetention,
      removalPolicy: stage.removalPolicy,
    });

    const states = new Construct(this, 'States');
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      // No fixed name: CloudFormation names it, so that a retained leftover never blocks a new deploy.
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(
        buildAlertWorkflow(
          states,
          { steps: this.steps, broadcast: this.broadcast, sendShard: this.sendShard },
          DEFAULT_WORKFLOW_TIMEOUTS,
        ),
      ),
      tracingEnabled: true,
      // ALL shows every transition; the execution data (the alert) stays out of the logs.
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: false },
      removalPolicy: stage.removalPolicy,
    });
  }

  /**
   * The failure ratio of OUR delivery accounting (not SNS's): the finish step logs `Broadcast finished`
   * with the counted `sent` and `failed` of the message; metric filters turn them into DeliveriesSent and
   * DeliveriesFailed, and failed / (sent + failed) over 15 minutes above the threshold pages ops. SNS's
   * own SMS failure ratio (lib/constructs/ops-alarms.ts) stays: it also sees carrier-side failures.
   */
  private deliveryFailureRatioAlarm(opsTopic: ITopic | undefined): Alarm {
    const logGroup = this.broadcast.logGroup;
    const finished = FilterPattern.stringValue('$.message', '=', 'Broadcast finished');
    const metric = (metricName: string, field: string) =>
      new MetricFilter(this, `${metricName}Filter`, {
        logGroup,
        filterPattern: finished,
        metricNamespace: DELIVERY_METRICS_NAMESPACE,
        metricName,
        metricValue: `$.${field}`,
        defaultValue: 0,
      }).metric({ statistic: 'Sum', period: Duration.minutes(15) });
    const ratio = new MathExpression({
      expression: 'IF(sent + failed > 0, failed / (sent + failed), 0)',
      usingMetrics: { sent: metric('DeliveriesSent', 'sent'), failed: metric('DeliveriesFailed', 'failed') },
      label: 'Delivery failure ratio (broadcast accounting)',
      period: Duration.minutes(15),
    });
    const alarm = new Alarm(this, 'DeliveryFailureRatio', {
      alarmDescription: `More than ${DELIVERY_FAILURE_RATIO_THRESHOLD * 100} % of a broadcast's deliveries failed.`,
      metric: ratio,
      threshold: DELIVERY_FAILURE_RATIO_THRESHOLD,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    if (opsTopic) alarm.addAlarmAction(new SnsAction(opsTopic));
    return alarm;
  }
}

/** The UUID that ends the stack's id: new for every stack CloudFormation creates, even under the same name. */
function stackUuid(scope: IConstruct): string {
  return Fn.select(2, Fn.split('/', Stack.of(scope).stackId));
}
