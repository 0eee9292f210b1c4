import { alertRepository } from '../../commons/aws/alerts';
import { config } from '../../commons/aws/config';
import { contentSigner } from '../../commons/aws/signer';
import { workflowEngine } from '../../commons/aws/workflow';
import type { Dependencies } from '../../commons/dependencies';
import { memo } from '../../commons/memo';
import { buildSchemas } from '../../domain/schemas';
import { httpHandler } from '../../http/http-handler';
import { alertIdFrom, parseJsonBody, principalFrom } from '../../http/request';
import { json } from '../../http/responses';
import { systemClock } from '../../ports/clock';
import { toAlertView } from '../../use-cases/alert-view';
import { decideApproval } from '../../use-cases/decide-approval';

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
