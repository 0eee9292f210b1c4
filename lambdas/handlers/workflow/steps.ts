import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from 'zod/mini';
import '../../config/zod-locale';
import { systemClock } from '../../adapters/system-clock';
import { ALERT_STATUSES } from '../../domain/alert';
import { ALERT_ID_PATTERN } from '../../domain/alert-id';
import type { RouteResult } from '../../domain/next-step';
import { WORKFLOW_NEXT_STEPS, WORKFLOW_STEPS } from '../../domain/workflow-steps';
import { logger } from '../../observability/logger';
import type { Dependencies } from '../../ports/dependencies';
import {
  approvalTimedOut,
  awaitChange,
  expire,
  fail,
  route,
  updateTimedOut,
} from '../../use-cases/workflow-steps';
import { alertRepository } from '../../wiring/aws/alerts';
import { notifier } from '../../wiring/aws/notifier';
import { workflowEngine } from '../../wiring/aws/workflow';

const alertId = z.string().check(z.regex(ALERT_ID_PATTERN));

/** The payloads the state machine sends (see lib/workflow/alert-workflow.ts). zod/mini: −60 KB of bundle. */
export const StepEventSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal(WORKFLOW_STEPS.route), alertId }),
  z.object({
    action: z.literal(WORKFLOW_STEPS.await),
    alertId,
    status: z.enum(ALERT_STATUSES),
    taskToken: z.string().check(z.minLength(1)),
    timeoutSeconds: z.optional(z.number()),
    /** The route this wait serves: an active alert can change without changing its status. */
    next: z.optional(z.enum(WORKFLOW_NEXT_STEPS)),
  }),
  z.object({ action: z.literal(WORKFLOW_STEPS.approvalTimedOut), alertId }),
  z.object({ action: z.literal(WORKFLOW_STEPS.expire), alertId }),
  z.object({ action: z.literal(WORKFLOW_STEPS.updateTimedOut), alertId }),
  z.object({
    action: z.literal(WORKFLOW_STEPS.fail),
    alertId,
    error: z.optional(z.object({ Error: z.optional(z.string()), Cause: z.optional(z.string()) })),
  }),
]);
export type StepEvent = z.infer<typeof StepEventSchema>;

type StepDeps = Pick<Dependencies, 'alerts' | 'workflow' | 'notifier' | 'clock'>;

/** The workflow's bookkeeping steps, one Lambda dispatched on `action`. */
export function createHandler(deps: StepDeps) {
  return middy<unknown, RouteResult | Record<string, never>>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (raw) => {
      const event = StepEventSchema.parse(raw);
      logger.appendKeys({ alertId: event.alertId, step: event.action });
      switch (event.action) {
        case 'route':
          return route(deps, event.alertId);
        case 'await':
          await awaitChange(deps, event.alertId, event.status, event.taskToken, event.next);
          return {};
        case 'approvalTimedOut':
          await approvalTimedOut(deps, event.alertId);
          return {};
        case 'expire':
          await expire(deps, event.alertId);
          return {};
        case 'updateTimedOut':
          await updateTimedOut(deps, event.alertId);
          return {};
        case 'fail':
          await fail(deps, event.alertId, event.error);
          return {};
      }
    });
}

export const handler = createHandler({
  alerts: alertRepository,
  workflow: workflowEngine,
  notifier,
  clock: systemClock,
});
