import { systemClock } from '../../adapters/system-clock';
import { buildSchemas } from '../../domain/schemas';
import { httpHandler } from '../../http/http-handler';
import { alertIdFrom, parseJsonBody, principalFrom } from '../../http/request';
import { json } from '../../http/responses';
import type { Dependencies } from '../../ports/dependencies';
import { toAlertView } from '../../use-cases/read-alerts';
import { resolveAlert } from '../../use-cases/resolve-alert';
import { alertRepository } from '../../wiring/aws/alerts';
import { config } from '../../wiring/aws/config';
import { workflowEngine } from '../../wiring/aws/workflow';
import { memo } from '../memo';

/** POST /alerts/{id}/resolution — the child is found or the alert is called off; the cancellation follows. */
export function createHandler(deps: Pick<Dependencies, 'config' | 'alerts' | 'workflow' | 'clock'>) {
  const resolution = memo(() => buildSchemas(deps.config).resolution);
  return httpHandler(async (event) => {
    const principal = principalFrom(event);
    const id = alertIdFrom(event);
    const body = parseJsonBody(event, resolution());
    return json(200, toAlertView(await resolveAlert(deps, principal, id, body)));
  });
}

export const handler = createHandler({
  config,
  alerts: alertRepository,
  workflow: workflowEngine,
  clock: systemClock,
});
