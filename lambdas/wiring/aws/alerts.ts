import { DynamoAlertRepository } from '../../adapters/dynamodb/alert-repository';
import { documentClient } from '../clients/dynamodb';
import { resources } from './config';

export const alertRepository = new DynamoAlertRepository(documentClient, resources.alertsTable);
