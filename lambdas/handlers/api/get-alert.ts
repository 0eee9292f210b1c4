import { DynamoSubscriberCounter } from '../../adapters/dynamodb/subscriber-repository';
import { httpHandler } from '../../http/http-handler';
import { alertIdFrom, principalFrom } from '../../http/request';
import { json } from '../../http/responses';
import { type GetAlertDependencies, getAlert } from '../../use-cases/read-alerts';
import { alertReader } from '../../wiring/aws/alert-reader';
import { resources } from '../../wiring/aws/config';
import { documentClient } from '../../wiring/clients/dynamodb';

/** GET /alerts/{id} — the alert with its history and broadcast progress, for its directorate. */
export function createHandler(deps: GetAlertDependencies) {
  return httpHandler(async (event) => {
    const principal = principalFrom(event);
    return json(200, await getAlert(deps, principal, alertIdFrom(event)));
  });
}

// The subscribers' county counters only: this function never reads a subscriber.
export const handler = createHandler({
  alerts: alertReader,
  subscribers: new DynamoSubscriberCounter(documentClient, resources.subscribersTable),
});
