import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadResourceNames, type ResourceNames } from '../../../lambdas/config/config';
import { LOCAL_AWS, startDynalite } from '../../../local/dynamo';

export interface DynaliteTables {
  /** A document client configured as the Lambdas' (lambdas/wiring/clients/dynamodb.ts). */
  readonly documents: DynamoDBDocumentClient;
  readonly names: ResourceNames;
}

/**
 * The platform's tables on a fresh dynalite for the enclosing describe (started before its tests, closed after
 * them): adapters run against DynamoDB's own request validation and condition evaluation. The handle's fields
 * are set once the describe's beforeAll has run, so read them inside tests or factories, not at collection.
 */
export function tablesOnDynalite(): DynaliteTables {
  const handle = { names: loadResourceNames({}) } as {
    documents: DynamoDBDocumentClient;
    names: ResourceNames;
  };
  let dir: string | undefined;
  let server: Awaited<ReturnType<typeof startDynalite>> | undefined;
  let client: DynamoDBClient | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'amber-contract-'));
    server = await startDynalite({ dataDir: dir, names: handle.names });
    client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: server.endpoint });
    handle.documents = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }, 60_000);
  afterAll(async () => {
    client?.destroy();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return handle;
}
