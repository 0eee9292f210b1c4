/**
 * The second baseline of bench:cold: the DynamoDB document client every function creates at module scope
 * (the same wiring module), and nothing else. Every function needs at least this, so its init is the floor
 * a function's own code is judged against.
 */
import { documentClient } from '../../lambdas/wiring/clients/dynamodb';

export const handler = async () => ({ statusCode: 200, body: typeof documentClient.send });
