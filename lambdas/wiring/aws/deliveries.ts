import { DynamoDeliveryRepository } from '../../adapters/dynamodb/delivery-repository';
import { documentClient } from '../clients/dynamodb';
import { resources } from './config';

export const deliveryRepository = new DynamoDeliveryRepository(documentClient, resources.deliveriesTable);
