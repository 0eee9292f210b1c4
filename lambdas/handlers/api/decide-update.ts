import { systemClock } from '../../adapters/system-clock';
import { buildSchemas } from '../../domain/schemas';
import { httpHandler } from '../../http/http-handler';
import { alertIdFrom, parseJsonBody, principalFrom, versionFrom } from '../../http/request';
import { json } from '../../http/responses';
import type { Dependencies } from '../../ports/dependencies';
import { toAlertView } from '../../use-cases/read-alerts';
import { decideUpdate } from '../../use-cases/updates/decide-update';
import { alertRepository } from '../../wiring/aws/alerts';
import { config } from '../../wiring/aws/config';
import { contentSigner } from '../../wiring/aws/signer';
import { workflowEngine } from '../../wiring/aws/workflow';
import { memo } from '../memo';

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
