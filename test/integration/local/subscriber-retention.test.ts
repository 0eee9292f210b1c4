import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoSubscriberRepository } from '../../../lambdas/adapters/dynamodb/subscriber-repository';
import { loadResourceNames } from '../../../lambdas/config/config';
import { LOCAL_AWS, startDynalite } from '../../../local/dynamo';
import { tempDir } from './helpers';

/**
 * Profiles that must not be kept: a number never confirmed, a phone removed. They carry `expiresAt` for the
 * table's TTL; dynalite has no TTL, and DynamoDB's lags, so reads skip them once it has passed.
 */
const TABLE = loadResourceNames({}).subscribersTable;
// Real time: the adapter compares the deletion time with the clock, as DynamoDB's TTL does.
const NOW = new Date().toISOString();
const PAST = new Date(Date.now() - 86_400_000).toISOString();
const LATER = new Date(Date.now() + 30 * 86_400_000).toISOString();
const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);

let dir: Awaited<ReturnType<typeof tempDir>>;
let dynalite: Awaited<ReturnType<typeof startDynalite>>;
let client: DynamoDBClient;
let documents: DynamoDBDocumentClient;
let repo: DynamoSubscriberRepository;

beforeAll(async () => {
  dir = await tempDir();
  dynalite = await startDynalite({ dataDir: dir.path });
  client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: dynalite.endpoint });
  documents = DynamoDBDocumentClient.from(client);
  repo = new DynamoSubscriberRepository(documents, TABLE);
});
afterAll(async () => {
  client.destroy();
  await dynalite.close();
  await dir.remove();
});

const pending = (codeHash: string, counties = ['AL-11']) => ({
  codeHash,
  expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
  attempts: 0,
  counties,
  language: 'sq',
});
const stored = async (phone: string) =>
  (await documents.send(new GetCommand({ TableName: TABLE, Key: { pk: `PHONE#${phone}`, sk: 'PROFILE' } })))
    .Item;

test('a number never confirmed carries its deletion time, and reads as absent once it has passed', async () => {
  await repo.putPending('+355692340081', pending('a'), NOW, LATER);
  expect((await stored('+355692340081'))?.expiresAt).toBe(epoch(LATER));
  expect(await repo.get('+355692340081')).toBeDefined();

  await repo.putPending('+355692340082', pending('b'), PAST, PAST);
  expect(await stored('+355692340082')).toBeDefined();
  expect(await repo.get('+355692340082')).toBeUndefined();
});

test('confirming removes the deletion time; a county change of an active subscriber never sets one', async () => {
  const phone = '+355692340083';
  await repo.putPending(phone, pending('a'), NOW, LATER);
  await repo.activate(phone, 'a', NOW);
  expect((await stored(phone))?.expiresAt).toBeUndefined();
  await repo.putPending(phone, pending('b', ['AL-11', 'AL-02']), NOW, PAST);
  expect((await stored(phone))?.expiresAt).toBeUndefined();
  expect((await repo.get(phone))?.status).toBe('ACTIVE');
});

test('a removed phone carries its deletion time', async () => {
  const phone = '+355692340084';
  await repo.putPending(phone, pending('a'), NOW, LATER);
  await repo.activate(phone, 'a', NOW);
  expect(await repo.remove(phone, 'OPTED_OUT', NOW, LATER)).toBe(true);
  expect(await stored(phone)).toMatchObject({ status: 'OPTED_OUT', expiresAt: epoch(LATER) });
});

test('a drill phone can be taken out of the drill group; taking out a phone not in it changes nothing', async () => {
  const phone = '+355692340085';
  await repo.putDrillRecipient({ phone, language: 'sq', addedBy: 'supervisor.tirana', addedAt: NOW });
  expect(await repo.removeDrillRecipient(phone)).toBe(true);
  expect((await repo.drillRecipientsPage()).recipients.map((r) => r.phone)).not.toContain(phone);
  expect(await repo.removeDrillRecipient(phone)).toBe(false);
});
