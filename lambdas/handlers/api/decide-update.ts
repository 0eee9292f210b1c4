import { alertRepository } from '../../commons/aws/alerts';
import { config } from '../../commons/aws/config';
import { contentSigner } from '../../commons/aws/signer';
import { workflowEngine } from '../../commons/aws/workflow';
import type { Dependencies } from '../../commons/dependencies';
import { memo } from '../../commons/memo';
import { buildSchemas } from '../../domain/schemas';
import { httpHandler } from '../../http/http-handler';
import { alertIdFrom, parseJsonBody, principalFrom, versionFrom } from '../../http/request';
import { json } from '../../http/responses';
import { systemClock } from '../../ports/clock';
import { toAlertView } from '../../use-cases/alert-view';
import { decideUpdate } from '../../use-cases/updates/decide-update';

/** POST /alerts/{id}/updates/{version}/approval — a second person approves or rejects an update. */
export function createHandler(
  deps: Pick<Dependencies, 'config' | 'alerts' | 'workflow' | 'clock' | 'signer'>,
) {
  const updateDecision = memo(() => buildSchemas(deps.config).updateDecision);
  return httpHandler(async (event) => {
    const principal = principalFrom(event);
    const id = alertIdFrom(event);
    const version = versionFrom(event.pathParameters?.version);
    const body = parseJsonBody(event, updateDecision());
    return json(200, toAlertView(await decideUpdate(deps, principal, id, version, body)));
  });
}

export const handler = createHandler({
  config,
  alerts: alertRepository,
  workflow: workflowEngine,
  clock: systemClock,
  signer: contentSigner,
});
