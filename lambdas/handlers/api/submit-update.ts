import { alertRepository } from '../../commons/aws/alerts';
import { config } from '../../commons/aws/config';
import { workflowEngine } from '../../commons/aws/workflow';
import type { Dependencies } from '../../commons/dependencies';
import { memo } from '../../commons/memo';
import { buildSchemas } from '../../domain/schemas';
import { httpHandler } from '../../http/http-handler';
import { alertIdFrom, parseJsonBody, principalFrom } from '../../http/request';
import { json } from '../../http/responses';
import { systemClock } from '../../ports/clock';
import { toAlertView } from '../../use-cases/alert-view';
import { submitUpdate } from '../../use-cases/updates/submit-update';

/** POST /alerts/{id}/updates — an officer asks to change public fields; a second person approves. */
export function createHandler(deps: Pick<Dependencies, 'config' | 'alerts' | 'workflow' | 'clock'>) {
  const alertUpdate = memo(() => buildSchemas(deps.config).alertUpdate);
  return httpHandler(async (event) => {
    const principal = principalFrom(event);
    const id = alertIdFrom(event);
    const body = parseJsonBody(event, alertUpdate());
    return json(201, toAlertView(await submitUpdate(deps, principal, id, body)));
  });
}

export const handler = createHandler({
  config,
  alerts: alertRepository,
  workflow: workflowEngine,
  clock: systemClock,
});
