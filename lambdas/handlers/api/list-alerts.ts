import { buildSchemas } from '../../domain/schemas';
import { httpHandler } from '../../http/http-handler';
import { parseQuery, principalFrom } from '../../http/request';
import { json } from '../../http/responses';
import type { ReadDependencies } from '../../ports/dependencies';
import { listAlerts } from '../../use-cases/read-alerts';
import { alertReader } from '../../wiring/aws/alert-reader';
import { config } from '../../wiring/aws/config';
import { memo } from '../memo';

/** GET /alerts?status=S — the directorate's alerts, newest first (the national directorate sees all). */
export function createHandler(deps: Pick<ReadDependencies, 'alerts' | 'config'>) {
  const listQuery = memo(() => buildSchemas(deps.config).listQuery);
  return httpHandler(async (event) => {
    const principal = principalFrom(event);
    const { status } = parseQuery(event, listQuery());
    return json(200, { items: await listAlerts(deps, principal, status) });
  });
}

export const handler = createHandler({ alerts: alertReader, config });
