import { systemClock } from '../../adapters/system-clock';
import { assertCanManageDrill } from '../../domain/identity';
import { buildPhoneSchemas } from '../../domain/phone-schemas';
import { httpHandler } from '../../http/http-handler';
import { parseJsonBody, principalFrom } from '../../http/request';
import { json } from '../../http/responses';
import type { Dependencies } from '../../ports/dependencies';
import {
  addDrillRecipient,
  listDrillRecipients,
  removeDrillRecipient,
} from '../../use-cases/drill-recipients';
import { config } from '../../wiring/aws/config';
import { subscriberRepository } from '../../wiring/aws/subscribers';
import { memo } from '../memo';

/**
 * POST /drill-recipients, GET /drill-recipients and POST /drill-recipients/removal — supervisors manage the
 * phones that receive exercises.
 */
export function createHandler(deps: Pick<Dependencies, 'subscribers' | 'clock' | 'config'>) {
  const drillRecipient = memo(() => buildPhoneSchemas(deps.config).drillRecipient);
  const drillRemoval = memo(() => buildPhoneSchemas(deps.config).drillRemoval);
  return httpHandler(async (event) => {
    const principal = principalFrom(event);
    // Before the body is read: an officer hears 403 whatever they sent.
    assertCanManageDrill(principal);
    if (event.httpMethod === 'GET') {
      return json(200, { items: await listDrillRecipients(deps, principal) });
    }
    if (event.resource === '/drill-recipients/removal') {
      return json(200, await removeDrillRecipient(deps, principal, parseJsonBody(event, drillRemoval())));
    }
    const request = parseJsonBody(event, drillRecipient());
    return json(201, await addDrillRecipient(deps, principal, request));
  });
}

export const handler = createHandler({ subscribers: subscriberRepository, clock: systemClock, config });
