import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { resources } from './config';

const secrets = new SecretsManagerClient({});

/**
 * The HMAC key of the rate-limit counters (phones and client IPs are never stored in clear nor as a plain
 * hash): the stack's generated secret, read on the first request of the container.
 */
export async function rateLimitKey(): Promise<Uint8Array> {
  if (!resources.rateLimitSecretArn) throw new Error('RATE_LIMIT_SECRET_ARN is not set');
  const out = await secrets.send(new GetSecretValueCommand({ SecretId: resources.rateLimitSecretArn }));
  if (!out.SecretString) throw new Error('The rate-limit secret has no value');
  return new TextEncoder().encode(out.SecretString);
}
