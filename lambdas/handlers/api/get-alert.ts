import { alertReader } from '../../commons/aws/alert-reader';
import { config } from '../../commons/aws/config';
import { subscriberRepository } from '../../commons/aws/subscribers';
import type { ReadDependencies } from '../../commons/dependencies';
import { httpHandler } from '../../http/http-handler';
import { alertIdFrom, principalFrom } from '../../http/request';
import { json } from '../../http/responses';
import { getAlert } from '../../use-cases/read-alerts';

/** GET /alerts/{id} — the alert with its history and broadcast progress, for its directorate. */
export function createHandler(deps: Pick<ReadDependencies, 'alerts' | 'subscribers' | 'config'>) {
  return httpHandler(async (event) => {
    const principal = principalFrom(event);
    return json(200, await getAlert(deps, principal, alertIdFrom(event)));
  });
}

export const handler = createHandler({ alerts: alertReader, subscribers: subscriberRepository, config });
