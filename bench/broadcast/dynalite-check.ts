/**
 * Checks the DynamoDB model's request counts against the real adapters: the same broadcast (broadcastMessage,
 * the same registry of subscribers, the same quota) once on dynalite through DynamoSubscriberRepository and
 * DynamoDeliveryRepository, counting each request the SDK sends, and once on the model, counting what it
 * charges. Run with `npx tsx bench/broadcast/dynalite-check.ts` (`--subscribers=n`, default 10,000).
 */
import './quiet';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDeliveryRepository } from '../../lambdas/adapters/dynamodb/delivery-repository';
import { DynamoSubscriberRepository } from '../../lambdas/adapters/dynamodb/subscriber-repository';
import { loadConfig } from '../../lambdas/config/config';
import { broadcastMessage } from '../../lambdas/use-cases/broadcast/broadcast-message';
import { LOCAL_AWS, startDynalite } from '../../local/dynamo';
import { seededRandom } from '../../test/unit/support/seeded-random';
import { BATCH_WRITE_MAX_ITEMS, DynamoModel, type Operation } from './dynamo-model';
import { broadcastHarness } from './harness';
import { SimulatedGateway } from './sim-gateway';
import { phoneOf, SimulatedRegistry } from './sim-registry';

const subscribersArg = process.argv.find((a) => a.startsWith('--subscribers='));
const SUBSCRIBERS = subscribersArg ? Number(subscribersArg.slice(14)) : 10_000;
/** 1,000/s: two shards, so the shards' own partitions and clients are part of the comparison. */
const QUOTA = 1000;
const COUNTIES = ['AL-11', 'AL-02', 'AL-12', 'AL-05', 'AL-09', 'AL-01'];
const NAMES = {
  alertsTable: 'alerts',
  subscribersTable: 'subscribers',
  deliveriesTable: 'deliveries',
  tipsTable: 'tips',
};
const OPERATIONS: readonly Operation[] = ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query'];

const gatewayFor = (size: number) =>
  new SimulatedGateway(size, {
    quotaPerSecond: QUOTA,
    latencyMs: { min: 20, max: 80 },
    throttleShare: 0,
    random: seededRandom(size),
  });

/** The registry's items as DynamoSubscriberRepository writes them: memberships and per-county counters. */
async function seed(db: DynamoDBDocumentClient, registry: SimulatedRegistry) {
  const items: Record<string, unknown>[] = [];
  const counters = new Map<string, number>();
  for (let i = 0; i < registry.size; i++) {
    const counties = registry.countiesOf(i);
    const language = registry.languageOf(i);
    for (const county of counties) {
      items.push({
        pk: `COUNTY#${county}`,
        sk: `PHONE#${phoneOf(i)}`,
        phone: phoneOf(i),
        language,
        counties,
      });
      counters.set(`${county}#${language}`, (counters.get(`${county}#${language}`) ?? 0) + 1);
    }
  }
  for (const [sk, count] of counters) items.push({ pk: 'COUNTER', sk, count });
  for (let i = 0; i < items.length; i += BATCH_WRITE_MAX_ITEMS) {
    let batch = items.slice(i, i + BATCH_WRITE_MAX_ITEMS).map((Item) => ({ PutRequest: { Item } }));
    // Unprocessed items go round again, as BatchWriteItem's contract asks.
    while (batch.length > 0) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [NAMES.subscribersTable]: batch } }));
      batch = (out.UnprocessedItems?.[NAMES.subscribersTable] ?? []) as typeof batch;
    }
  }
}

async function onDynalite(): Promise<Record<Operation, number>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'amber-dynalite-check-'));
  const dynamo = await startDynalite({ dataDir, names: NAMES });
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: dynamo.endpoint });
  const db = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  const counts: Record<Operation, number> = {
    GetItem: 0,
    PutItem: 0,
    UpdateItem: 0,
    DeleteItem: 0,
    Query: 0,
  };
  let counting = false;
  // Each HTTP request the SDK sends, retries included, by operation (the X-Amz-Target header).
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      const target = request.headers?.['x-amz-target']?.split('.')[1] as Operation | undefined;
      if (counting && target && target in counts) counts[target]++;
      return next(args);
    },
    { step: 'finalizeRequest', name: 'countRequests' },
  );
  try {
    const config = loadConfig({ ...process.env, AMBER_SMS_RATE_PER_SECOND: String(QUOTA) });
    const registry = new SimulatedRegistry(SUBSCRIBERS, config.regionCodes);
    await seed(db, registry);
    const gateway = gatewayFor(SUBSCRIBERS);
    const { deps, alert } = await broadcastHarness(
      {
        subscribers: SUBSCRIBERS,
        quotaPerSecond: QUOTA,
        counties: COUNTIES,
        tables: {
          subscribers: new DynamoSubscriberRepository(db, NAMES.subscribersTable),
          deliveries: new DynamoDeliveryRepository(db, NAMES.deliveriesTable),
        },
      },
      gateway,
    );
    counting = true;
    const outcome = await broadcastMessage(deps, alert.id, 'ALERT');
    counting = false;
    const expected = registry.expected(COUNTIES).size;
    console.error(`dynalite: done=${outcome.done}, ${gateway.accepted} SMS for ${expected} phones`);
    return counts;
  } finally {
    client.destroy();
    await dynamo.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function onModel(): Promise<Record<Operation, number>> {
  const model = new DynamoModel(seededRandom(SUBSCRIBERS + 1));
  const gateway = gatewayFor(SUBSCRIBERS);
  const { deps, alert, registry } = await broadcastHarness(
    { subscribers: SUBSCRIBERS, quotaPerSecond: QUOTA, counties: COUNTIES, dynamo: model },
    gateway,
  );
  const outcome = await broadcastMessage(deps, alert.id, 'ALERT');
  console.error(
    `model: done=${outcome.done}, ${gateway.accepted} SMS for ${registry.expected(COUNTIES).size} phones`,
  );
  // The alerts table is an in-memory fake in both runs: only the registry's and deliveries' requests compare.
  const counts: Record<Operation, number> = {
    GetItem: 0,
    PutItem: 0,
    UpdateItem: 0,
    DeleteItem: 0,
    Query: 0,
  };
  for (const [client, requests] of model.stats.byClient) {
    if (client === 'alerts') continue;
    for (const op of OPERATIONS) counts[op] += requests[op];
  }
  return counts;
}

async function main() {
  const real = await onDynalite();
  const modelled = await onModel();
  const rows = OPERATIONS.map((op) => ({
    operation: op,
    dynalite: real[op],
    model: modelled[op],
    'model/dynalite': real[op] > 0 ? (modelled[op] / real[op]).toFixed(3) : modelled[op] === 0 ? '=' : '∞',
  }));
  const total = (c: Record<Operation, number>) => OPERATIONS.reduce((n, op) => n + c[op], 0);
  rows.push({
    operation: 'all' as Operation,
    dynalite: total(real),
    model: total(modelled),
    'model/dynalite': (total(modelled) / total(real)).toFixed(3),
  });
  console.log(`Requests of one broadcast, ${SUBSCRIBERS} subscribers, quota ${QUOTA}/s:`);
  console.table(rows);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
