import './polyfills';
import {
  ExecutionAbortedError,
  ExecutionError,
  type RunOptions,
  StateMachine,
} from 'aws-local-stepfunctions';
import type { WorkflowEngine } from '../lambdas/ports/workflow-engine';
import type { AslDefinition } from '../lib/workflow/render-asl';
import { errorName, type LocalLogger, silentLogger } from './log';

/**
 * Step Functions stand-in: runs the very ASL the stack deploys (renderAlertWorkflowAsl()) with
 * aws-local-stepfunctions, and emulates the Lambda service integrations of its Task states by calling
 * the handler code in-process through an injected invoker.
 *
 * - `arn:aws:states:::lambda:invoke` → `{ Payload, StatusCode: 200 }`, like the optimised integration.
 * - `arn:aws:states:::lambda:invoke.waitForTaskToken` → the function is invoked with a fresh token in
 *   place of `$$.Task.Token`, and the task completes (output `{}`) when wake(token) is called, as
 *   SendTaskSuccess would; TimeoutSecondsPath makes the library raise States.Timeout.
 * - a plain Lambda ARN → the function's result as is (legacy integration).
 *
 * A function that throws fails the task with the function's error name, and a Cause shaped like the one
 * Lambda gives Step Functions, so that Retry and Catch (States.ALL, States.TaskFailed) behave as in AWS.
 */

export type FunctionInvoker = (functionName: string, payload: unknown) => Promise<unknown>;

/** Retry pauses per state name, in milliseconds (see aws-local-stepfunctions' retryIntervalOverrides). */
export type RetryIntervalOverrides = Record<string, number | number[]>;

export interface LocalWorkflowEngineOptions {
  definition: AslDefinition;
  /** Runs a Lambda function by name (`amber-workflow-steps`, `amber-broadcast`). */
  invoke: FunctionInvoker;
  /** Tests shorten the ASL's retry intervals with this; the platform keeps the ASL's own. */
  retryIntervalOverrides?: RetryIntervalOverrides;
  /**
   * Check the definition with the library's validator (default). The platform skips it: the CDK tests
   * validate the same rendered ASL with asl-validator, and the check costs about a second of every start.
   */
  validate?: boolean;
  /** How long stop() lets in-flight function calls finish before it returns anyway. */
  stopGraceMs?: number;
  logger?: LocalLogger;
}

export type ExecutionStatus = 'SUCCEEDED' | 'FAILED' | 'ABORTED';

export interface ExecutionOutcome {
  status: ExecutionStatus;
  /** Error name of a failed execution (the Fail state's Error, or the uncaught task error). */
  error?: string;
}

/** What Step Functions puts in `$$.Task.Token` here; each waiting task swaps it for a token of its own. */
const CONTEXT_TOKEN_PLACEHOLDER = 'local-task-token-placeholder';
const REGION = 'eu-central-1';
const ACCOUNT = '000000000000';
const STATE_MACHINE_NAME = 'AlertWorkflow';

type TaskKind = 'invoke' | 'waitForTaskToken' | 'legacy';

interface PendingWait {
  alertId: string;
  state: string;
  resolve: () => void;
}

interface RunningExecution {
  alertId: string;
  abort: () => void;
  aborted: boolean;
  /** The token of the task this execution is waiting in, if any. */
  waitToken?: string;
  currentState?: string;
  outcome: Promise<ExecutionOutcome>;
}

/** The error a failing function hands to the state machine: `Error` = errorType, `Cause` = Lambda's JSON. */
export class LambdaFunctionError extends Error {
  constructor(errorType: string, errorMessage: string) {
    super(JSON.stringify({ errorType, errorMessage }));
    this.name = errorType;
  }
}

/** Raised inside an execution that stop() aborted, so that no further function is invoked. */
class ExecutionStoppedError extends Error {
  override name = 'Local.ExecutionStopped';
}

export class LocalWorkflowEngine implements WorkflowEngine {
  private readonly machine: StateMachine;
  private readonly taskKinds: ReadonlyMap<string, TaskKind>;
  private readonly executions = new Map<string, RunningExecution>();
  /** The outcome of each alert's last finished execution, so that callers can ask after the fact. */
  private readonly finished = new Map<string, ExecutionOutcome>();
  private readonly waits = new Map<string, PendingWait>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly logger: LocalLogger;
  private stopped = false;
  /** What Step Functions bills and Lambda counts, for the cost model (bench/cost.ts). */
  readonly usage = { stateTransitions: 0, invocations: {} as Record<string, number> };

  constructor(private readonly options: LocalWorkflowEngineOptions) {
    this.logger = options.logger ?? silentLogger;
    this.taskKinds = classifyTasks(options.definition);
    this.machine = new StateMachine(
      options.definition as unknown as ConstructorParameters<typeof StateMachine>[0],
      {
        validationOptions: { noValidate: options.validate === false },
      },
    );
  }

  async start(alertId: string): Promise<void> {
    if (this.stopped) throw new Error('The local workflow engine is stopped');
    // One execution per alert, as the execution name does in AWS: a second start is a no-op.
    if (this.executions.has(alertId)) return;

    const execution: RunningExecution = {
      alertId,
      abort: () => undefined,
      aborted: false,
      outcome: Promise.resolve({ status: 'ABORTED' }),
    };
    const handlers = Object.fromEntries(
      [...this.taskKinds].map(([state, kind]) => [
        state,
        (input: unknown) => this.runTask(execution, state, kind, input) as Promise<never>,
      ]),
    );
    const options: RunOptions = {
      overrides: {
        taskResourceLocalHandlers: handlers,
        ...(this.options.retryIntervalOverrides
          ? { retryIntervalOverrides: this.options.retryIntervalOverrides }
          : {}),
      },
      context: executionContext(alertId),
    };
    const run = this.machine.run({ alertId }, options);
    execution.abort = run.abort;
    execution.outcome = run.result.then(
      (): ExecutionOutcome => ({ status: 'SUCCEEDED' }),
      (error: unknown): ExecutionOutcome => toOutcome(error),
    );
    this.executions.set(alertId, execution);
    this.logger.info('workflow.execution.started', { alertId });
    void this.followEvents(execution, run.eventLogs);

    void execution.outcome.then((outcome) => {
      this.releaseWait(execution);
      if (this.executions.get(alertId) === execution) this.executions.delete(alertId);
      this.finished.set(alertId, outcome);
      const fields = { alertId, status: outcome.status, ...(outcome.error ? { error: outcome.error } : {}) };
      if (outcome.status === 'FAILED') this.logger.error('workflow.execution.failed', fields);
      else this.logger.info('workflow.execution.ended', fields);
    });
  }

  async wake(token: string): Promise<void> {
    const wait = this.waits.get(token);
    if (!wait) {
      // A late or repeated wake: the wait timed out, was woken already, or belonged to a stopped engine.
      this.logger.debug('workflow.wake.ignored', {});
      return;
    }
    this.waits.delete(token);
    this.logger.debug('workflow.wake', { alertId: wait.alertId, state: wait.state });
    wait.resolve();
  }

  /** Aborts every running execution and waits (briefly) for function calls already under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const execution of this.executions.values()) {
      execution.aborted = true;
      execution.abort();
      this.releaseWait(execution);
    }
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.options.stopGraceMs ?? 5000);
    });
    await Promise.race([Promise.allSettled([...this.inFlight]), grace]);
    clearTimeout(timer);
    await Promise.allSettled([...this.executions.values()].map((e) => e.outcome));
  }

  /** Alerts whose execution is running now. */
  runningAlertIds(): string[] {
    return [...this.executions.keys()];
  }

  /**
   * The outcome of the alert's execution: settles when the running one ends, or at once with the last
   * finished one's; undefined when the alert's workflow never ran here.
   */
  outcome(alertId: string): Promise<ExecutionOutcome> | undefined {
    const running = this.executions.get(alertId);
    if (running) return running.outcome;
    const last = this.finished.get(alertId);
    return last ? Promise.resolve(last) : undefined;
  }

  /** The state the alert's execution is in (for tests and logs). */
  currentState(alertId: string): string | undefined {
    return this.executions.get(alertId)?.currentState;
  }

  private async runTask(
    execution: RunningExecution,
    state: string,
    kind: TaskKind,
    input: unknown,
  ): Promise<unknown> {
    // A new task means the previous wait of this execution is over (woken or timed out).
    this.releaseWait(execution);
    if (execution.aborted) throw new ExecutionStoppedError('Execution stopped');

    if (kind === 'legacy') {
      return this.call(functionOf(this.resourceOf(state)), input);
    }
    const { FunctionName, Payload } = (input ?? {}) as { FunctionName?: unknown; Payload?: unknown };
    if (typeof FunctionName !== 'string')
      throw new LambdaFunctionError('States.Runtime', `${state}: no FunctionName`);
    const functionName = functionOf(FunctionName);

    if (kind === 'invoke') {
      return { Payload: await this.call(functionName, Payload), StatusCode: 200 };
    }

    const token = `local-${crypto.randomUUID()}`;
    let resolve: () => void = () => undefined;
    let failed: (error: unknown) => void = () => undefined;
    const woken = new Promise<void>((res, rej) => {
      resolve = res;
      failed = rej;
    });
    // Registered before the call: the function may find the alert already decided and wake at once.
    this.waits.set(token, { alertId: execution.alertId, state, resolve });
    execution.waitToken = token;
    this.call(functionName, replaceDeep(Payload, CONTEXT_TOKEN_PLACEHOLDER, token)).catch(
      (error: unknown) => {
        // A failed invocation fails the task, unless the wait was already woken.
        if (this.waits.delete(token)) failed(error);
      },
    );
    await woken;
    return {};
  }

  /** Invokes a function as Lambda would: JSON in, JSON out, errors as LambdaFunctionError. */
  private call(functionName: string, payload: unknown): Promise<unknown> {
    this.usage.invocations[functionName] = (this.usage.invocations[functionName] ?? 0) + 1;
    // new Promise(): an invoker that throws before returning a promise fails the task the same way.
    const call = new Promise<unknown>((resolve) =>
      resolve(this.options.invoke(functionName, jsonCopy(payload))),
    )
      .then(jsonCopy, (error: unknown) => {
        throw toLambdaError(error);
      })
      .finally(() => this.inFlight.delete(call));
    this.inFlight.add(call);
    return call;
  }

  private releaseWait(execution: RunningExecution): void {
    const token = execution.waitToken;
    if (token === undefined) return;
    execution.waitToken = undefined;
    const wait = this.waits.get(token);
    this.waits.delete(token);
    // Settles a wait the library has already given up on (timeout, abort); nobody reads the result.
    wait?.resolve();
  }

  private resourceOf(state: string): string {
    const found = findStates(this.options.definition).find(([name]) => name === state);
    return String(found?.[1].Resource ?? '');
  }

  private async followEvents(execution: RunningExecution, events: AsyncGenerator<unknown>): Promise<void> {
    try {
      for await (const event of events as AsyncGenerator<ExecutionEvent>) {
        const state = event.state?.name;
        // Step Functions bills a transition per state entered, retries included.
        if (event.type === 'StateEntered' || event.type === 'StateRetried') this.usage.stateTransitions++;
        if (event.type === 'StateEntered' && state) execution.currentState = state;
        if (event.type === 'StateFailed' || event.type === 'StateRetried' || event.type === 'StateCaught') {
          this.logger.debug(`workflow.${event.type}`, {
            alertId: execution.alertId,
            state,
            ...(event.Error ? { error: event.Error } : {}),
          });
        }
      }
    } catch (error) {
      this.logger.debug('workflow.events.error', { alertId: execution.alertId, error: errorName(error) });
    }
  }
}

interface ExecutionEvent {
  type: string;
  state?: { name: string };
  Error?: string;
}

/** Wraps the invoker for a fixed set of functions; an unknown name fails like a missing Lambda does. */
export function invokerFor(
  functions: Record<string, (payload: unknown) => Promise<unknown>>,
): FunctionInvoker {
  return async (functionName, payload) => {
    const fn = functions[functionName];
    if (!fn)
      throw new LambdaFunctionError(
        'Lambda.ResourceNotFoundException',
        `Function not found: ${functionName}`,
      );
    return fn(payload);
  };
}

function classifyTasks(definition: AslDefinition): Map<string, TaskKind> {
  const kinds = new Map<string, TaskKind>();
  for (const [name, state] of findStates(definition)) {
    if (state.Type !== 'Task') continue;
    const resource = String(state.Resource);
    if (resource === 'arn:aws:states:::lambda:invoke') kinds.set(name, 'invoke');
    else if (resource === 'arn:aws:states:::lambda:invoke.waitForTaskToken')
      kinds.set(name, 'waitForTaskToken');
    else if (resource.startsWith('arn:aws:lambda:')) kinds.set(name, 'legacy');
    else throw new Error(`State ${name}: the local platform cannot run resource ${resource}`);
  }
  return kinds;
}

type AslStates = Record<string, Record<string, unknown>>;

/** Every state of the definition, including those inside Parallel branches and Map iterators. */
export function findStates(definition: { States: AslStates }): [string, Record<string, unknown>][] {
  const found: [string, Record<string, unknown>][] = [];
  for (const [name, state] of Object.entries(definition.States)) {
    found.push([name, state]);
    const nested = [
      ...((state.Branches as { States: AslStates }[] | undefined) ?? []),
      ...[state.Iterator, state.ItemProcessor].filter((d): d is { States: AslStates } => !!d),
    ];
    for (const sub of nested) found.push(...findStates(sub));
  }
  return found;
}

/** `arn:aws:lambda:…:function:NAME[:alias]` or a plain name → NAME. */
export function functionOf(nameOrArn: string): string {
  const match = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(nameOrArn);
  return match?.[1] ?? nameOrArn;
}

function executionContext(alertId: string): NonNullable<RunOptions['context']> {
  const stateMachineArn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${STATE_MACHINE_NAME}`;
  return {
    Execution: {
      Id: `arn:aws:states:${REGION}:${ACCOUNT}:execution:${STATE_MACHINE_NAME}:${alertId}`,
      Name: alertId,
    },
    StateMachine: { Id: stateMachineArn, Name: STATE_MACHINE_NAME },
    Task: { Token: CONTEXT_TOKEN_PLACEHOLDER },
  };
}

function toOutcome(error: unknown): ExecutionOutcome {
  if (error instanceof ExecutionAbortedError) return { status: 'ABORTED' };
  if (error instanceof ExecutionError && error.cause instanceof Error)
    return { status: 'FAILED', error: error.cause.name };
  return { status: 'FAILED', error: errorName(error) };
}

function toLambdaError(error: unknown): LambdaFunctionError {
  if (error instanceof LambdaFunctionError) return error;
  if (error instanceof Error) return new LambdaFunctionError(error.name, error.message);
  return new LambdaFunctionError('Error', String(error));
}

/** Lambda payloads travel as JSON: callers never share objects, and `undefined` becomes null. */
function jsonCopy(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

function replaceDeep(value: unknown, from: string, to: string): unknown {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((v) => replaceDeep(v, from, to));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceDeep(v, from, to)]));
  }
  return value;
}
