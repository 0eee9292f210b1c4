import { systemClock } from '../../adapters/system-clock';
import { NotFoundError } from '../../domain/errors';
import { isTipReference } from '../../domain/tips/reference';
import { buildTipPoliceSchemas } from '../../domain/tips/tip-schemas';
import { httpHandler } from '../../http/http-handler';
import { alertIdFrom, parseJsonBody, principalFrom } from '../../http/request';
import { json } from '../../http/responses';
import { triageTip } from '../../use-cases/tips/police-tips';
import type { TipDependencies } from '../../use-cases/tips/tip-dependencies';
import { alertReader } from '../../wiring/aws/alert-reader';
import { config } from '../../wiring/aws/config';
import { tipRepository } from '../../wiring/aws/tips';
import { memo } from '../memo';

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
