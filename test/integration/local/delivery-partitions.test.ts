import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDeliveryPurge } from '../../../lambdas/adapters/dynamodb/delivery-purge';
import { DynamoDeliveryRepository } from '../../../lambdas/adapters/dynamodb/delivery-repository';
import { loadResourceNames } from '../../../lambdas/config/config';
import { shardOf } from '../../../lambdas/domain/delivery-shards';
import { LOCAL_AWS, startDynalite } from '../../../local/dynamo';
import { tempDir } from './helpers';

/**
 * A message of three shards on dynalite, through the real adapter: each shard's records in a partition of its
 * own, each shard reading only its phones, the whole list in one paging, and the retention purge leaving
 * nothing in any partition.
 */
const TABLE = loadResourceNames({}).deliveriesTable;
const KEY = 'k7m2q9x4pz#ALERT';
const phones = Array.from({ length: 30 }, (_, i) => `+3556920000${String(i).padStart(2, '0')}`);

let dir: Awaited<ReturnType<typeof tempDir>>;
let dynalite: Awaited<ReturnType<typeof startDynalite>>;
let client: DynamoDBClient;
let documents: DynamoDBDocumentClient;

beforeAll(async () => {
  dir = await tempDir();
  dynalite = await startDynalite({ dataDir: dir.path });
  client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: dynalite.endpoint });
  documents = DynamoDBDocumentClient.from(client);
});
afterAll(async () => {
  client.destroy();
  await dynalite.close();
  await dir.remove();
});

const itemsUnder = async (partition: string) =>
  (
    await documents.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'messageKey = :k',
        ExpressionAttributeValues: { ':k': partition },
      }),
    )
  ).Items ?? [];

async function readAll(repo: DynamoDeliveryRepository, slice?: { shard: number; of: number }) {
  const read: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await repo.page(KEY, cursor, 4, slice);
    read.push(...page.items.map((d) => d.phone));
    cursor = page.next;
  } while (cursor);
  return read;
}

test('three shards: three partitions, each shard its own phones, one paging over all, a purge that leaves none', async () => {
  const repo = new DynamoDeliveryRepository(documents, TABLE);
  await expect(repo.shards.saveLayout(KEY, 3)).resolves.toBe(3);
  const recipients = phones.map((phone) => ({ phone, language: 'sq', audience: 'PUBLIC' as const }));
  await expect(repo.plan(KEY, recipients)).resolves.toBe(30);
  // A second plan (a retried step) creates nothing and leaves the records where they are.
  await expect(repo.plan(KEY, recipients)).resolves.toBe(0);

  for (const shard of [0, 1, 2]) {
    const stored = (await itemsUnder(`${KEY}#P${shard}`)).map((item) => item.phone as string);
    expect(stored.sort()).toEqual(phones.filter((phone) => shardOf(phone, 3) === shard));
    expect(await readAll(repo, { shard, of: 3 })).toEqual(stored);
  }
  expect(await itemsUnder(KEY)).toEqual([]);
  expect((await readAll(repo)).sort()).toEqual(phones);

  // A fresh adapter (another Lambda) finds the phone's partition through the layout.
  const other = new DynamoDeliveryRepository(documents, TABLE);
  const phone = phones[7] ?? '';
  await expect(
    other.claim(KEY, phone, '2999-01-01T00:00:00.000Z', '2026-11-28T18:00:00.000Z'),
  ).resolves.toMatchObject({
    messageKey: KEY,
    status: 'SENDING',
  });
  await other.markSent(KEY, phone, '2026-11-28T18:00:01.000Z');
  const sent = (await repo.page(KEY, undefined, 100, { shard: shardOf(phone, 3), of: 3 })).items.find(
    (d) => d.phone === phone,
  );
  expect(sent?.status).toBe('SENT');

  await expect(new DynamoDeliveryPurge(documents, TABLE).deleteMessage(KEY)).resolves.toBe(30);
  for (const partition of [`${KEY}#P0`, `${KEY}#P1`, `${KEY}#P2`, `${KEY}#SHARDS`]) {
    expect(await itemsUnder(partition)).toEqual([]);
  }
});
