import { DynamoLatestDelivery } from '../../adapters/dynamodb/latest-delivery';
import { documentClient } from '../clients/dynamodb';
import { resources } from './config';

/** The latest alert SMS a phone received (the deliveries table's byPhone index). */
export const latestDelivery = new DynamoLatestDelivery(documentClient, resources.deliveriesTable);
