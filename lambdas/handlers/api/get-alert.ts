import { alertRepository } from '../../commons/aws/alerts';
import { subscriberRepository } from '../../commons/aws/subscribers';
import type { Dependencies } from '../../commons/dependencies';
import { httpHandler } from '../../http/http-handler';
import { alertIdFrom, principalFrom } from '../../http/request';
import { json } from '../../http/responses';
import { getAlert } from '../../use-cases/read-alerts';

/** GET /alerts/{id} — the alert with its history and broadcast progress, for its directorate. */
export function createHandler(deps: Pick<Dependencies, 'alerts' | 'subscribers'>) {
  return httpHandler(async (event) => {
    const principal = principalFrom(event);
    return json(200, await getAlert(deps, principal, alertIdFrom(event)));
  });
}

export const handler = createHandler({ alerts: alertRepository, subscribers: subscriberRepository });
