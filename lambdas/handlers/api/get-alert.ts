import { DynamoSubscriberCounter } from '../../adapters/dynamodb/subscriber-repository';
import { tipSummary } from '../../domain/tips/tip';
import { httpHandler } from '../../http/http-handler';
import { alertIdFrom, principalFrom } from '../../http/request';
import { json } from '../../http/responses';
import type { TipReader } from '../../ports/tip-repository';
import { type GetAlertDependencies, getAlert } from '../../use-cases/read-alerts';
import { alertReader } from '../../wiring/aws/alert-reader';
import { config, resources } from '../../wiring/aws/config';
import { tipCounts } from '../../wiring/aws/tip-counts';
import { documentClient } from '../../wiring/clients/dynamodb';

/** GET /alerts/{id} — the alert with its history, broadcast progress and tip counts, for its directorate. */
export function createHandler(deps: GetAlertDependencies & { tips: Pick<TipReader, 'counts'> }) {
  return httpHandler(async (event) => {
    const principal = principalFrom(event);
    const alert = await getAlert(deps, principal, alertIdFrom(event));
    return json(200, { ...alert, tips: tipSummary(await deps.tips.counts(alert.id)) });
  });
}

// The subscribers' county counters only: this function never reads a subscriber.
export const handler = createHandler({
  alerts: alertReader,
  subscribers: new DynamoSubscriberCounter(documentClient, resources.subscribersTable),
  tips: tipCounts,
  config,
});
