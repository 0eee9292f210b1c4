import { systemClock } from '../../adapters/system-clock';
import { buildSchemas } from '../../domain/schemas';
import { httpHandler } from '../../http/http-handler';
import { alertIdFrom, parseJsonBody, principalFrom } from '../../http/request';
import { json } from '../../http/responses';
import type { Dependencies } from '../../ports/dependencies';
import { decideApproval } from '../../use-cases/decide-approval';
import { toAlertView } from '../../use-cases/read-alerts';
import { alertRepository } from '../../wiring/aws/alerts';
import { config } from '../../wiring/aws/config';
import { contentSigner } from '../../wiring/aws/signer';
import { workflowEngine } from '../../wiring/aws/workflow';
import { memo } from '../memo';

/** POST /alerts/{id}/approval — a second person approves or rejects. */
export function createHandler(
  deps: Pick<Dependencies, 'config' | 'alerts' | 'workflow' | 'clock' | 'signer'>,
) {
  const approval = memo(() => buildSchemas(deps.config).approval);
  return httpHandler(async (event) => {
    const principal = principalFrom(event);
    const id = alertIdFrom(event);
    const body = parseJsonBody(event, approval());
    return json(200, toAlertView(await decideApproval(deps, principal, id, body)));
  });
}

export const handler = createHandler({
  config,
  alerts: alertRepository,
  workflow: workflowEngine,
  clock: systemClock,
  signer: contentSigner,
});
