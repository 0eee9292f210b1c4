import { httpHandler } from '../../http/http-handler';
import { alertIdFrom } from '../../http/request';
import { json } from '../../http/responses';
import type { ReadDependencies } from '../../ports/dependencies';
import { getPublicAlert, listPublicAlerts } from '../../use-cases/read-alerts';
import { alertReader } from '../../wiring/aws/alert-reader';
import { contentSigner } from '../../wiring/aws/signer';

/** GET /public/alerts and GET /public/alerts/{id} — active live alerts, public fields only. */
export function createHandler(deps: Pick<ReadDependencies, 'alerts' | 'signer'>) {
  return httpHandler(async (event) => {
    const cache = { 'cache-control': 'public, max-age=30' };
    if (event.pathParameters?.id !== undefined) {
      return json(200, await getPublicAlert(deps, alertIdFrom(event)), cache);
    }
    return json(200, { items: await listPublicAlerts(deps) }, cache);
  });
}

export const handler = createHandler({ alerts: alertReader, signer: contentSigner });
