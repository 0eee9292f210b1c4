export interface WorkflowEngine {
  /** Starts the alert's workflow; starting it twice for the same alert is a no-op. */
  start(alertId: string): Promise<void>;
  /**
   * Wakes the wait that holds this token. The workflow then reads the alert's status again, so the
   * token carries no decision; a token that is no longer waiting is ignored.
   */
  wake(token: string): Promise<void>;
}
