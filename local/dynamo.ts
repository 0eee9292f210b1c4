import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type KeySchemaElement,
  ResourceNotFoundException,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { loadResourceNames, type ResourceNames } from '../lambdas/config/config';
import { TABLES, type TableDefinition, type TableName } from '../lib/tables';
import { type LocalLogger, silentLogger } from './log';

/**
 * DynamoDB stand-in: dynalite (DynamoDB's wire protocol on LevelDB) on a free local port, holding the same
 * tables as the CDK stack, created from the same definitions (lib/tables.ts). Handlers reach it with the
 * ordinary SDK clients through AWS_ENDPOINT_URL_DYNAMODB, so no handler knows it is local.
 */

/** Region and credentials the SDK needs to sign requests; dynalite checks neither. */
export const LOCAL_AWS = {
  region: 'eu-central-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
} as const;

export interface LocalDynamo {
  endpoint: string;
  close(): Promise<void>;
}

export interface DynaliteOptions {
  /** Data lives in `${dataDir}/dynamodb` and survives restarts. */
  dataDir: string;
  /** Table names; by default those of loadResourceNames(), i.e. what the handlers will use. */
  names?: Pick<ResourceNames, 'alertsTable' | 'subscribersTable' | 'deliveriesTable' | 'tipsTable'>;
  logger?: LocalLogger;
}

const TABLE_NAME_KEYS = {
  alerts: 'alertsTable',
  subscribers: 'subscribersTable',
  deliveries: 'deliveriesTable',
  tips: 'tipsTable',
} as const satisfies Record<TableName, keyof ResourceNames>;

export async function startDynalite(options: DynaliteOptions): Promise<LocalDynamo> {
  const logger = options.logger ?? silentLogger;
  const path = join(options.dataDir, 'dynamodb');
  await mkdir(path, { recursive: true });
  // Tables are usable at once: dynalite would otherwise keep them CREATING for half a second.
  const server: Server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const close = () => closeServer(server);

  try {
    const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint });
    try {
      const names = options.names ?? loadResourceNames();
      for (const [key, definition] of Object.entries(TABLES) as [TableName, TableDefinition][]) {
        const tableName = names[TABLE_NAME_KEYS[key]];
        const created = await ensureTable(client, tableName, definition, logger);
        logger.debug('dynamo.table', { table: tableName, created });
      }
    } finally {
      client.destroy();
    }
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  logger.debug('dynamo.ready', { endpoint, path });
  return { endpoint, close };
}

/** Creates the table unless it exists (it does after a restart); resolves once it is ACTIVE. */
async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  def: TableDefinition,
  logger: LocalLogger,
): Promise<boolean> {
  const existing = await describe(client, tableName);
  if (!existing) {
    await client.send(new CreateTableCommand(createTableInput(tableName, def)));
  } else {
    // dynalite cannot add an index to a table: a data folder from before the index lacks it.
    const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
    const missing = def.globalSecondaryIndexes.filter((i) => !present.has(i.indexName));
    if (missing.length > 0) {
      logger.warn('dynamo.table.missingIndexes', {
        table: tableName,
        indexes: missing.map((i) => i.indexName),
        fix: 'start with a fresh data folder',
      });
    }
  }
  for (let attempt = 0; attempt < 100; attempt++) {
    const table = await describe(client, tableName);
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
    if (table?.TableStatus === 'ACTIVE' && indexesActive) return !existing;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Table ${tableName} did not become ACTIVE`);
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

type KeyDef = { name: string; type: string };

export function createTableInput(tableName: string, def: TableDefinition) {
  const attributes = new Map<string, string>();
  const keySchema = (partitionKey: KeyDef, sortKey?: KeyDef): KeySchemaElement[] => {
    attributes.set(partitionKey.name, partitionKey.type);
    if (sortKey) attributes.set(sortKey.name, sortKey.type);
    return [
      { AttributeName: partitionKey.name, KeyType: 'HASH' },
      ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' as const }] : []),
    ];
  };
  const KeySchema = keySchema(def.partitionKey, def.sortKey);
  const GlobalSecondaryIndexes = def.globalSecondaryIndexes.map((index) => ({
    IndexName: index.indexName,
    KeySchema: keySchema(index.partitionKey, index.sortKey),
    Projection: { ProjectionType: 'ALL' as const },
  }));
  // CDK's AttributeType values are the DynamoDB type letters ('S', 'N', 'B').
  const AttributeDefinitions: AttributeDefinition[] = [...attributes].map(([name, type]) => ({
    AttributeName: name,
    AttributeType: type as AttributeDefinition['AttributeType'],
  }));
  return {
    TableName: tableName,
    KeySchema,
    AttributeDefinitions,
    BillingMode: 'PAY_PER_REQUEST' as const,
    ...(GlobalSecondaryIndexes.length > 0 ? { GlobalSecondaryIndexes } : {}),
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    // dynalite's close() waits for pending LevelDB writes and then closes the store (releasing its lock).
    server.close((error) => (error ? reject(error) : resolve()));
    // Idle keep-alive sockets of SDK clients would otherwise hold the close open.
    server.closeIdleConnections();
  });
}
