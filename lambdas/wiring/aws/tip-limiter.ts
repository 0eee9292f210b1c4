import { DynamoTipRateLimiter } from '../../adapters/dynamodb/rate-limiter';
import { documentClient } from '../clients/dynamodb';
import { resources } from './config';
import { rateLimitKey } from './rate-limit-key';

/** The tips' rate counters, in the tips table, keyed by an HMAC of the client like the codes'. */
export const tipLimiter = new DynamoTipRateLimiter(documentClient, resources.tipsTable, rateLimitKey);
