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
import { resolveAlert } from '../../use-cases/resolve-alert';

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
