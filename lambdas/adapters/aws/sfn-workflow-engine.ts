import { SendTaskSuccessCommand, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { logger } from '../../observability/logger';
import type { WorkflowEngine } from '../../ports/workflow-engine';

/** A token whose task has already finished or timed out: the workflow has moved on, nothing to wake. */
const STALE_TOKEN = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

export class SfnWorkflowEngine implements WorkflowEngine {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArn: string | undefined,
  ) {}

  async start(alertId: string): Promise<void> {
    if (!this.stateMachineArn) throw new Error('STATE_MACHINE_ARN is not set');
    try {
      // The execution is named after the alert: Step Functions refuses a second one with the same name.
      await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: alertId,
          input: JSON.stringify({ alertId }),
        }),
      );
    } catch (error) {
      if (error instanceof Error && error.name === 'ExecutionAlreadyExists') return;
      throw error;
    }
  }

  async wake(token: string): Promise<void> {
    try {
      await this.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    } catch (error) {
      if (error instanceof Error && STALE_TOKEN.has(error.name)) {
        logger.info('Wait token no longer waiting', { error: error.name });
        return;
      }
      throw error;
    }
  }
}
