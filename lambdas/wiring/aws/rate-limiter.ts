import { DynamoRateLimiter } from '../../adapters/dynamodb/rate-limiter';
import { documentClient } from '../clients/dynamodb';
import { resources } from './config';
import { rateLimitKey } from './rate-limit-key';

export const rateLimiter = new DynamoRateLimiter(documentClient, resources.subscribersTable, rateLimitKey);
