import { DynamoAlertRetention } from '../../adapters/dynamodb/alert-repository';
import { DynamoDeliveryPurge } from '../../adapters/dynamodb/delivery-purge';
import { systemClock } from '../../adapters/system-clock';
import { logger } from '../../observability/logger';
import {
  type PurgeDependencies,
  type PurgeReport,
  purgePersonalData,
} from '../../use-cases/purge-personal-data';
import { config, resources } from '../../wiring/aws/config';
import { tipRepository } from '../../wiring/aws/tips';
import { documentClient } from '../../wiring/clients/dynamodb';

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
  alerts: new DynamoAlertRetention(documentClient, resources.alertsTable),
  deliveryPurge: new DynamoDeliveryPurge(documentClient, resources.deliveriesTable),
  tipContacts: tipRepository,
});
