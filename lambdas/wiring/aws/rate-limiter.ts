import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoRateLimiter } from '../../adapters/dynamodb/rate-limiter';
import { documentClient } from '../clients/dynamodb';
import { resources } from './config';

const secrets = new SecretsManagerClient({});

/** The HMAC key of the counters: the stack's generated secret, read on the first request of the container. */
async function rateLimitKey(): Promise<Uint8Array> {
  if (!resources.rateLimitSecretArn) throw new Error('RATE_LIMIT_SECRET_ARN is not set');
  const out = await secrets.send(new GetSecretValueCommand({ SecretId: resources.rateLimitSecretArn }));
  if (!out.SecretString) throw new Error('The rate-limit secret has no value');
  return new TextEncoder().encode(out.SecretString);
}

export const rateLimiter = new DynamoRateLimiter(documentClient, resources.subscribersTable, rateLimitKey);
