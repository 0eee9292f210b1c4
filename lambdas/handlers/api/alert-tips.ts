import { buildTipPoliceSchemas } from '../../domain/tips/tip-schemas';
import { httpHandler } from '../../http/http-handler';
import { alertIdFrom, header, parseQuery, principalFrom } from '../../http/request';
import { document, json } from '../../http/responses';
import { exportTipsCsv, listTips } from '../../use-cases/tips/police-tips';
import type { TipReadDependencies } from '../../use-cases/tips/tip-dependencies';
import { alertReader } from '../../wiring/aws/alert-reader';
import { config } from '../../wiring/aws/config';
import { tipRepository } from '../../wiring/aws/tips';
import { memo } from '../memo';

/** Whether the client asked for CSV rather than JSON (a case system importing the tips). */
function wantsCsv(accept: string | undefined): boolean {
  return accept !== undefined && /(^|,)\s*text\/csv\b/i.test(accept);
}

/**
 * GET /alerts/{id}/tips — the alert's tip inbox for its directorate (404 outside it): JSON pages newest
 * first with the counts, or every tip as CSV with `Accept: text/csv`.
 */
export function createHandler(deps: TipReadDependencies) {
  const query = memo(() => buildTipPoliceSchemas(deps.config).tipListQuery);
  return httpHandler(async (event) => {
    const principal = principalFrom(event);
    const alertId = alertIdFrom(event);
    const parsed = parseQuery(event, query());
    if (wantsCsv(header(event, 'accept'))) {
      const csv = await exportTipsCsv(deps, principal, alertId, parsed);
      return document(200, 'text/csv; charset=utf-8', csv, {
        'content-disposition': `attachment; filename="tips-${alertId}.csv"`,
      });
    }
    return json(200, await listTips(deps, principal, alertId, parsed));
  });
}

export const handler = createHandler({ config, alerts: alertReader, tips: tipRepository });
