import { alertReader } from '../../commons/aws/alert-reader';
import { config } from '../../commons/aws/config';
import type { ReadDependencies } from '../../commons/dependencies';
import { memo } from '../../commons/memo';
import { buildSchemas } from '../../domain/schemas';
import { httpHandler } from '../../http/http-handler';
import { parseQuery, principalFrom } from '../../http/request';
import { json } from '../../http/responses';
import { listAlerts } from '../../use-cases/read-alerts';

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
