import { systemClock } from '../../adapters/system-clock';
import { buildSchemas } from '../../domain/schemas';
import { httpHandler } from '../../http/http-handler';
import { parseJsonBody, principalFrom } from '../../http/request';
import { json } from '../../http/responses';
import type { Dependencies } from '../../ports/dependencies';
import { previewAlert } from '../../use-cases/preview-alert';
import { toAlertView } from '../../use-cases/read-alerts';
import { submitAlert } from '../../use-cases/submit-alert';
import { alertRepository } from '../../wiring/aws/alerts';
import { config } from '../../wiring/aws/config';
import { workflowEngine } from '../../wiring/aws/workflow';
import { memo } from '../memo';

/**
 * POST /alerts — an officer submits an alert; it waits for a second person's approval.
 * POST /alerts/preview — the same body, nothing stored: the SMS per language for the review step. One
 * function for both, so that the preview is validated exactly as the submission will be.
 */
export const PREVIEW_RESOURCE = '/alerts/preview';

export function createHandler(deps: Pick<Dependencies, 'config' | 'alerts' | 'workflow' | 'clock'>) {
  const submission = memo(() => buildSchemas(deps.config).submission);
  return httpHandler(async (event) => {
    const principal = principalFrom(event);
    const body = parseJsonBody(event, submission());
    if (event.resource === PREVIEW_RESOURCE) return json(200, previewAlert(deps, principal, body));
    const alert = await submitAlert(deps, principal, body);
    return json(201, toAlertView(alert), { location: `/alerts/${alert.id}` });
  });
}

export const handler = createHandler({
  config,
  alerts: alertRepository,
  workflow: workflowEngine,
  clock: systemClock,
});
