import { DynamoSubscriberRepository } from '../../adapters/dynamodb/subscriber-repository';
import { documentClient } from '../clients/dynamodb';
import { resources } from './config';

export const subscriberRepository = new DynamoSubscriberRepository(
  documentClient,
  resources.subscribersTable,
);
