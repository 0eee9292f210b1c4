import { systemClock } from '../../adapters/system-clock';
import { buildSchemas } from '../../domain/schemas';
import { httpHandler } from '../../http/http-handler';
import { alertIdFrom, parseJsonBody, principalFrom } from '../../http/request';
import { json } from '../../http/responses';
import type { Dependencies } from '../../ports/dependencies';
import { toAlertView } from '../../use-cases/read-alerts';
import { extendAlert } from '../../use-cases/updates/extend-alert';
import { alertRepository } from '../../wiring/aws/alerts';
import { config } from '../../wiring/aws/config';
import { workflowEngine } from '../../wiring/aws/workflow';
import { memo } from '../memo';

/** POST /alerts/{id}/extension — a supervisor keeps an active alert running longer (no SMS). */
export function createHandler(deps: Pick<Dependencies, 'config' | 'alerts' | 'workflow' | 'clock'>) {
  const extension = memo(() => buildSchemas(deps.config).extension);
  return httpHandler(async (event) => {
    const principal = principalFrom(event);
    const id = alertIdFrom(event);
    const body = parseJsonBody(event, extension());
    return json(200, toAlertView(await extendAlert(deps, principal, id, body)));
  });
}

export const handler = createHandler({
  config,
  alerts: alertRepository,
  workflow: workflowEngine,
  clock: systemClock,
});
