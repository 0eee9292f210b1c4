/** The names shared by the state machine definition and the workflow step handler. */
export const WORKFLOW_STEPS = {
  route: 'route',
  await: 'await',
  approvalTimedOut: 'approvalTimedOut',
  expire: 'expire',
  updateTimedOut: 'updateTimedOut',
  fail: 'fail',
} as const;

export type WorkflowStepAction = (typeof WORKFLOW_STEPS)[keyof typeof WORKFLOW_STEPS];

export const WORKFLOW_NEXT_STEPS = [
  'AWAIT_APPROVAL',
  'BROADCAST',
  'AWAIT_RESOLUTION',
  'AWAIT_UPDATE_APPROVAL',
  'SEND_UPDATE',
  'SEND_CANCELLATION',
  'DONE',
] as const;
export type WorkflowNextStep = (typeof WORKFLOW_NEXT_STEPS)[number];
