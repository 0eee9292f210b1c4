import { DynamoDeliveryPurge } from '../../adapters/dynamodb/delivery-purge';
import { alertRepository } from '../../commons/aws/alerts';
import { config, resources } from '../../commons/aws/config';
import { tipRepository } from '../../commons/aws/tips';
import { documentClient } from '../../commons/clients/dynamodb';
import { logger } from '../../commons/logger';
import { systemClock } from '../../ports/clock';
import {
  type PurgeDependencies,
  type PurgeReport,
  purgePersonalData,
} from '../../use-cases/purge-personal-data';

/**
 * Daily schedule (EventBridge Scheduler): removes the personal fields of alerts that ended more than the
 * retention period ago, and their delivery records. The event carries nothing the handler needs. A failure
 * throws, so the scheduler's retry policy (and then the dead-letter queue) takes over; a retry is safe.
 */
export function createHandler(deps: PurgeDependencies) {
  return async (): Promise<PurgeReport> => {
    const report = await purgePersonalData(deps);
    logger.info('Retention purge finished', { ...report });
    return report;
  };
}

export const handler = createHandler({
  config,
  clock: systemClock,
  alerts: alertRepository,
  deliveryPurge: new DynamoDeliveryPurge(documentClient, resources.deliveriesTable),
  tipContacts: tipRepository,
});
