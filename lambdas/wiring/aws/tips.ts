import { DynamoRateLimiter } from '../../adapters/dynamodb/rate-limiter';
import { DynamoTipRepository } from '../../adapters/dynamodb/tip-repository';
import { documentClient } from '../clients/dynamodb';
import { resources } from './config';
import { rateLimitKey } from './rate-limit-key';

/** The tips table, and the tips' rate counters in it (keyed by an HMAC of the client, like the codes'). */
export const tipRepository = new DynamoTipRepository(documentClient, resources.tipsTable);
export const tipLimiter = new DynamoRateLimiter(documentClient, resources.tipsTable, rateLimitKey);
