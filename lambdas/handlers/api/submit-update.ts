import { systemClock } from '../../adapters/system-clock';
import { buildSchemas } from '../../domain/schemas';
import { httpHandler } from '../../http/http-handler';
import { alertIdFrom, parseJsonBody, principalFrom } from '../../http/request';
import { json } from '../../http/responses';
import type { Dependencies } from '../../ports/dependencies';
import { toAlertView } from '../../use-cases/read-alerts';
import { submitUpdate } from '../../use-cases/updates/submit-update';
import { alertRepository } from '../../wiring/aws/alerts';
import { config } from '../../wiring/aws/config';
import { workflowEngine } from '../../wiring/aws/workflow';
import { memo } from '../memo';

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
