import { alertReader } from '../../commons/aws/alert-reader';
import { subscriberRepository } from '../../commons/aws/subscribers';
import { tipCounts } from '../../commons/aws/tip-counts';
import type { ReadDependencies } from '../../commons/dependencies';
import { tipSummary } from '../../domain/tips/tip';
import { httpHandler } from '../../http/http-handler';
import { alertIdFrom, principalFrom } from '../../http/request';
import { json } from '../../http/responses';
import type { TipReader } from '../../ports/tip-repository';
import { getAlert } from '../../use-cases/read-alerts';

/** GET /alerts/{id} — the alert with its history, broadcast progress and tip counts, for its directorate. */
export function createHandler(
  deps: Pick<ReadDependencies, 'alerts' | 'subscribers'> & { tips: Pick<TipReader, 'counts'> },
) {
  return httpHandler(async (event) => {
    const principal = principalFrom(event);
    const alert = await getAlert(deps, principal, alertIdFrom(event));
    return json(200, { ...alert, tips: tipSummary(await deps.tips.counts(alert.id)) });
  });
}

export const handler = createHandler({
  alerts: alertReader,
  subscribers: subscriberRepository,
  tips: tipCounts,
});
