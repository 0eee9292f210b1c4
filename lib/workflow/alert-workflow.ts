import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  Choice,
  Condition,
  Errors,
  Fail,
  type IChainable,
  IntegrationPattern,
  JitterType,
  JsonPath,
  Map as MapState,
  Pass,
  Result,
  type RetryProps,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { WORKFLOW_STEPS, type WorkflowNextStep } from '../../lambdas/domain/workflow-steps';

/**
 * The alert workflow: the one place where the state machine is defined. The CDK stack deploys it and
 * renderAlertWorkflowAsl() renders the same graph to ASL for tests and the local platform.
 *
 * The alert's status in DynamoDB is the source of truth. `Route` reads it and names the next step; each
 * wait only parks the execution until a handler (approval, resolution, extension) changes the alert and
 * wakes it with the task token, or until the timeout. Because every path goes back through `Route`, an
 * execution can also be started again for an alert that is already half-way (local restart, re-drive).
 *
 * State data is always `{ "Payload": <route result> }`. The waits read their timeout from
 * `$.Payload.timeoutSeconds`: Step Functions evaluates TimeoutSecondsPath against the state input, the
 * local runner against the input after Parameters, and `Payload.timeoutSeconds` exists in both.
 */

export const STATE = {
  route: 'Route',
  dispatch: 'Dispatch',
  awaitApproval: 'AwaitApproval',
  approvalTimedOut: 'ApprovalTimedOut',
  broadcast: 'Broadcast',
  awaitResolution: 'AwaitResolution',
  expire: 'Expire',
  awaitUpdateApproval: 'AwaitUpdateApproval',
  updateTimedOut: 'UpdateTimedOut',
  sendUpdate: 'SendUpdate',
  sendCancellation: 'SendCancellation',
  /** The fan-out of the ALERT (the update and cancellation have their own, named after their plan state). */
  alertShards: 'BroadcastShards',
  sendAlertShard: 'SendBroadcastShard',
  finishAlert: 'FinishBroadcast',
  /** Dispatch's default: a next step it does not know becomes an error that MarkFailed can record. */
  unknownStep: 'UnknownStep',
  markFailed: 'MarkFailed',
  done: 'Done',
  failed: 'Failed',
} as const;

export interface AlertWorkflowFunctions {
  /** Short bookkeeping steps: route, await, time-outs, failure. */
  steps: IFunction;
  /** Plans one message of an alert (returns its shards) and records the outcome once they are sent. */
  broadcast: IFunction;
  /** Sends the pending deliveries of one shard (SMS publish and its tables only). */
  sendShard: IFunction;
}

export interface AlertWorkflowTimeouts {
  step: Duration;
  broadcast: Duration;
}

export const DEFAULT_WORKFLOW_TIMEOUTS: AlertWorkflowTimeouts = {
  step: Duration.seconds(30),
  broadcast: Duration.minutes(15),
};

/**
 * A task waits this much longer than its function may run: the invocation's own latency (a cold start's
 * init is not counted in the function timeout) must not turn a slow success into States.Timeout.
 */
export const TASK_TIMEOUT_MARGIN = Duration.seconds(60);
const taskTimeout = (functionTimeout: Duration) =>
  Timeout.duration(functionTimeout.plus(TASK_TIMEOUT_MARGIN));

/**
 * What Lambda raises when it did not run the function: throttling (a new account has little concurrency),
 * and faults of the service or of the call to it. The function did nothing, so a retry is always safe.
 */
export const LAMBDA_SERVICE_ERRORS = [
  'Lambda.TooManyRequestsException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.ClientExecutionTimeoutException',
];
/** Backoff with full jitter, so that the shards throttled together do not retry together. */
const retryOfLambdaServiceErrors: RetryProps = {
  errors: LAMBDA_SERVICE_ERRORS,
  interval: Duration.seconds(1),
  maxAttempts: 8,
  backoffRate: 2,
  maxDelay: Duration.seconds(30),
  jitterStrategy: JitterType.FULL,
};

const alertId = JsonPath.stringAt('$$.Execution.Input.alertId');
const ERROR_PATH = '$.error';

/**
 * Where the Map reads its concurrency: the plan's shard count (MaxConcurrencyPath). The plan derives it from
 * the SMS quota read at run time, so raising the quota needs no new definition.
 */
export const MAX_CONCURRENCY_PATH = '$.Payload.maxConcurrency';

export function buildAlertWorkflow(
  scope: Construct,
  fns: AlertWorkflowFunctions,
  timeouts: AlertWorkflowTimeouts = DEFAULT_WORKFLOW_TIMEOUTS,
): IChainable {
  const markFailed = new LambdaInvoke(scope, STATE.markFailed, {
    lambdaFunction: fns.steps,
    payload: TaskInput.fromObject({
      action: WORKFLOW_STEPS.fail,
      alertId,
      error: JsonPath.objectAt(ERROR_PATH),
    }),
    resultPath: JsonPath.DISCARD,
    taskTimeout: taskTimeout(timeouts.step),
    retryOnServiceExceptions: false,
  })
    .addRetry(retryOfLambdaServiceErrors)
    .next(
      new Fail(scope, STATE.failed, {
        error: 'AlertWorkflowFailed',
        cause: 'A step failed; see the alert history',
      }),
    );

  const step = (id: string, action: string, extra: Record<string, unknown> = {}) =>
    new LambdaInvoke(scope, id, {
      lambdaFunction: fns.steps,
      payload: TaskInput.fromObject({ action, alertId, ...extra }),
      resultSelector: { 'Payload.$': '$.Payload' },
      taskTimeout: taskTimeout(timeouts.step),
      retryOnServiceExceptions: false,
    })
      .addRetry(retryOfLambdaServiceErrors)
      .addCatch(markFailed, { errors: [Errors.ALL], resultPath: ERROR_PATH });

  /**
   * Content that no longer matches its approval signature will not match on a retry either: it fails at once,
   * so that the alert is FAILED and ops alerted seconds sooner. Retriers are matched in order.
   */
  const PERMANENT_BROADCAST_ERRORS = ['ContentIntegrityError'];
  const noRetryOfPermanentErrors = { errors: PERMANENT_BROADCAST_ERRORS, maxAttempts: 0 };
  const retryOfTaskFailures = {
    errors: [Errors.TASKS_FAILED],
    maxAttempts: 2,
    interval: Duration.seconds(2),
    backoffRate: 2,
  };

  // Planning and finishing are idempotent per phone (delivery records), so a retry only redoes what is left.
  const broadcastStep = (id: string, message: BroadcastMessageName, step: 'plan' | 'finish') =>
    new LambdaInvoke(scope, id, {
      lambdaFunction: fns.broadcast,
      payload: TaskInput.fromObject({ alertId, message, step }),
      resultSelector: { 'Payload.$': '$.Payload' },
      taskTimeout: taskTimeout(timeouts.broadcast),
      retryOnServiceExceptions: false,
    })
      .addRetry(noRetryOfPermanentErrors)
      .addRetry(retryOfLambdaServiceErrors)
      .addRetry(retryOfTaskFailures)
      .addCatch(markFailed, { errors: [Errors.ALL], resultPath: ERROR_PATH });

  /**
   * One message's fan-out: plan (returns `{shards: [{shard, of}]}`, a few bytes per shard: phone ranges stay
   * in the delivery table), a Map whose iterations each loop the send-shard function until its shard is
   * done (one invocation sends for up to its time budget, then asks to be run again), then finish. The
   * Map runs every shard at once: its concurrency is the plan's shard count, each shard at quota/shards.
   */
  const broadcast = (names: FanOutNames, message: BroadcastMessageName) => {
    const plan = broadcastStep(names.plan, message, 'plan');
    const sendShard = new LambdaInvoke(scope, names.send, {
      lambdaFunction: fns.sendShard,
      payload: TaskInput.fromObject({
        alertId: JsonPath.stringAt('$.alertId'),
        message: JsonPath.stringAt('$.message'),
        shard: JsonPath.numberAt('$.shard'),
        of: JsonPath.numberAt('$.of'),
      }),
      resultSelector: { 'done.$': '$.Payload.done' },
      resultPath: '$.result',
      taskTimeout: taskTimeout(timeouts.broadcast),
      retryOnServiceExceptions: false,
    })
      .addRetry(noRetryOfPermanentErrors)
      .addRetry(retryOfLambdaServiceErrors)
      // Sending is idempotent per phone (conditional claims), so a retry only sends what is left.
      .addRetry(retryOfTaskFailures);
    const shardLoop = sendShard.next(
      new Choice(scope, `${names.send}Done`)
        .when(Condition.booleanEquals('$.result.done', true), new Succeed(scope, `${names.send}Sent`))
        .otherwise(sendShard),
    );
    const map = new MapState(scope, names.shards, {
      itemsPath: '$.Payload.shards',
      itemSelector: {
        alertId,
        message,
        'shard.$': '$$.Map.Item.Value.shard',
        'of.$': '$$.Map.Item.Value.of',
      },
      maxConcurrencyPath: MAX_CONCURRENCY_PATH,
      resultPath: JsonPath.DISCARD,
    })
      .itemProcessor(shardLoop)
      .addCatch(markFailed, { errors: [Errors.ALL], resultPath: ERROR_PATH });
    const finish = broadcastStep(names.finish, message, 'finish');
    return { start: plan, end: finish, chain: plan.next(map).next(finish) };
  };

  const wait = (id: string, status: 'PENDING_APPROVAL' | 'ACTIVE') =>
    new LambdaInvoke(scope, id, {
      lambdaFunction: fns.steps,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({
        action: WORKFLOW_STEPS.await,
        alertId,
        status,
        taskToken: JsonPath.taskToken,
        timeoutSeconds: JsonPath.numberAt('$.Payload.timeoutSeconds'),
        // An active alert changes without changing status: the step checks the route it waits for still holds.
        next: JsonPath.stringAt('$.Payload.next'),
      }),
      resultPath: JsonPath.DISCARD,
      taskTimeout: Timeout.at('$.Payload.timeoutSeconds'),
      retryOnServiceExceptions: false,
    }).addRetry(retryOfLambdaServiceErrors);

  const route = step(STATE.route, WORKFLOW_STEPS.route);

  const awaitApproval = wait(STATE.awaitApproval, 'PENDING_APPROVAL');
  const approvalTimedOut = step(STATE.approvalTimedOut, WORKFLOW_STEPS.approvalTimedOut);
  awaitApproval.addCatch(approvalTimedOut, { errors: [Errors.TIMEOUT], resultPath: ERROR_PATH });
  awaitApproval.addCatch(markFailed, { errors: [Errors.ALL], resultPath: ERROR_PATH });

  const awaitResolution = wait(STATE.awaitResolution, 'ACTIVE');
  const expire = step(STATE.expire, WORKFLOW_STEPS.expire);
  awaitResolution.addCatch(expire, { errors: [Errors.TIMEOUT], resultPath: ERROR_PATH });
  awaitResolution.addCatch(markFailed, { errors: [Errors.ALL], resultPath: ERROR_PATH });

  // An update waits for its own approval (or the alert's expiry, whichever is first), then goes out.
  const awaitUpdateApproval = wait(STATE.awaitUpdateApproval, 'ACTIVE');
  const updateTimedOut = step(STATE.updateTimedOut, WORKFLOW_STEPS.updateTimedOut);
  awaitUpdateApproval.addCatch(updateTimedOut, { errors: [Errors.TIMEOUT], resultPath: ERROR_PATH });
  awaitUpdateApproval.addCatch(markFailed, { errors: [Errors.ALL], resultPath: ERROR_PATH });
  const sendUpdate = broadcast(fanOutNames(STATE.sendUpdate), 'UPDATE');

  const sendAlert = broadcast(
    {
      plan: STATE.broadcast,
      shards: STATE.alertShards,
      send: STATE.sendAlertShard,
      finish: STATE.finishAlert,
    },
    'ALERT',
  );
  const sendCancellation = broadcast(fanOutNames(STATE.sendCancellation), 'CANCELLATION');

  const next = (step: WorkflowNextStep) => Condition.stringEquals('$.Payload.next', step);
  const dispatch = new Choice(scope, STATE.dispatch)
    .when(next('AWAIT_APPROVAL'), awaitApproval)
    .when(next('BROADCAST'), sendAlert.chain)
    .when(next('AWAIT_RESOLUTION'), awaitResolution)
    .when(next('SEND_CANCELLATION'), sendCancellation.chain)
    .when(next('AWAIT_UPDATE_APPROVAL'), awaitUpdateApproval)
    .when(next('SEND_UPDATE'), sendUpdate.chain)
    .when(next('DONE'), new Succeed(scope, STATE.done))
    // MarkFailed reads $.error, which only the catchers set: without it, AWS raises States.Runtime, which
    // no catcher catches, and the alert would stay open.
    .otherwise(
      new Pass(scope, STATE.unknownStep, {
        result: Result.fromObject({
          Error: 'AlertWorkflow.UnknownStep',
          Cause: 'Route named a next step that Dispatch does not know',
        }),
        resultPath: ERROR_PATH,
      }).next(markFailed),
    );

  for (const state of [
    awaitApproval,
    approvalTimedOut,
    sendAlert.end,
    awaitResolution,
    expire,
    sendCancellation.end,
    awaitUpdateApproval,
    updateTimedOut,
    sendUpdate.end,
  ]) {
    state.next(route);
  }
  return route.next(dispatch);
}

type BroadcastMessageName = 'ALERT' | 'UPDATE' | 'CANCELLATION';

/** The states of one message's fan-out. */
interface FanOutNames {
  plan: string;
  shards: string;
  send: string;
  finish: string;
}

const fanOutNames = (plan: string): FanOutNames => ({
  plan,
  shards: `${plan}Shards`,
  send: `${plan}Shard`,
  finish: `Finish${plan}`,
});
