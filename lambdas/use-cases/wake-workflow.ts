import { logger } from '../observability/logger';
import type { Dependencies } from '../ports/dependencies';

/**
 * After a decision is written, the waiting execution is woken with the token it left on the alert. When the
 * token is not there yet, the wait step sees the new status when it tries to park and wakes itself.
 */
export async function wakeWorkflow(
  deps: Pick<Dependencies, 'workflow'>,
  alert: { id: string; waitToken?: string },
): Promise<void> {
  if (!alert.waitToken) return;
  try {
    await deps.workflow.wake(alert.waitToken);
  } catch (error) {
    // The decision is stored; the wait's own timeout will route it. Never fail the user's request for this.
    logger.error('Could not wake the workflow', {
      alertId: alert.id,
      error: error instanceof Error ? error.name : 'unknown',
    });
  }
}
