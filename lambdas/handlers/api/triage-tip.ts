import { alertReader } from '../../commons/aws/alert-reader';
import { config } from '../../commons/aws/config';
import { tipRepository } from '../../commons/aws/tips';
import { memo } from '../../commons/memo';
import { NotFoundError } from '../../domain/errors';
import { isTipReference } from '../../domain/tips/reference';
import { buildTipPoliceSchemas } from '../../domain/tips/tip-schemas';
import { httpHandler } from '../../http/http-handler';
import { alertIdFrom, parseJsonBody, principalFrom } from '../../http/request';
import { json } from '../../http/responses';
import { systemClock } from '../../ports/clock';
import { triageTip } from '../../use-cases/tips/police-tips';
import type { TipDependencies } from '../../use-cases/tips/tip-dependencies';

/** POST /alerts/{id}/tips/{tipId}/triage — an officer of the directorate records what a tip is worth. */
export function createHandler(deps: Pick<TipDependencies, 'config' | 'alerts' | 'tips' | 'clock'>) {
  const triage = memo(() => buildTipPoliceSchemas(deps.config).triage);
  return httpHandler(async (event) => {
    const principal = principalFrom(event);
    const alertId = alertIdFrom(event);
    const tipId = event.pathParameters?.tipId?.toUpperCase();
    if (!tipId || !isTipReference(tipId)) throw new NotFoundError('Tip not found');
    const body = parseJsonBody(event, triage());
    return json(200, await triageTip(deps, principal, alertId, tipId, body));
  });
}

export const handler = createHandler({
  config,
  alerts: alertReader,
  tips: tipRepository,
  clock: systemClock,
});
