import { httpHandler } from '../../http/http-handler';
import { alertIdFrom, principalFrom } from '../../http/request';
import { json } from '../../http/responses';
import type { ReadDependencies } from '../../ports/dependencies';
import { getAlert } from '../../use-cases/read-alerts';
import { alertReader } from '../../wiring/aws/alert-reader';
import { subscriberRepository } from '../../wiring/aws/subscribers';

/** GET /alerts/{id} — the alert with its history and broadcast progress, for its directorate. */
export function createHandler(deps: Pick<ReadDependencies, 'alerts' | 'subscribers'>) {
  return httpHandler(async (event) => {
    const principal = principalFrom(event);
    return json(200, await getAlert(deps, principal, alertIdFrom(event)));
  });
}

export const handler = createHandler({ alerts: alertReader, subscribers: subscriberRepository });
