import { DynamoAlertReader } from '../../adapters/dynamodb/alert-repository';
import { documentClient } from '../clients/dynamodb';
import { resources } from './config';

/** For the read-only functions: their bundles carry the reads of the alerts table, not its writes. */
export const alertReader = new DynamoAlertReader(documentClient, resources.alertsTable);
