import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoLatestDelivery } from '../../../lambdas/adapters/dynamodb/latest-delivery';
import { DynamoTipRepository } from '../../../lambdas/adapters/dynamodb/tip-repository';
import { loadResourceNames } from '../../../lambdas/config/config';
import { ConcurrentChangeError } from '../../../lambdas/domain/errors';
import { idempotencyFingerprint, referenceCandidates } from '../../../lambdas/domain/tips/reference';
import type { Tip } from '../../../lambdas/domain/tips/tip';
import { LOCAL_AWS, startDynalite } from '../../../local/dynamo';
import { tempDir } from './helpers';

/** The tips adapter against DynamoDB's own evaluation of its conditions and indexes (dynalite). */
jest.setTimeout(60_000);

const names = loadResourceNames({});
let dir: Awaited<ReturnType<typeof tempDir>>;
let dynalite: Awaited<ReturnType<typeof startDynalite>>;
let client: DynamoDBClient;
let documents: DynamoDBDocumentClient;
let repo: DynamoTipRepository;

beforeAll(async () => {
  dir = await tempDir();
  dynalite = await startDynalite({ dataDir: dir.path });
  client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: dynalite.endpoint });
  documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  repo = new DynamoTipRepository(documents, names.tipsTable);
});
afterAll(async () => {
  client.destroy();
  await dynalite.close();
  await dir.remove();
});

let n = 0;
const aTip = (alertId: string, overrides: Partial<Tip> = {}): Omit<Tip, 'id' | 'reference'> => ({
  alertId,
  directorate: 'AL-11',
  mode: 'LIVE',
  receivedAt: new Date(Date.UTC(2024, 4, 1, 10, 0, n++)).toISOString(),
  channel: 'WEB',
  message: `tip ${n}`,
  seenNow: false,
  language: 'sq',
  state: 'NEW',
  history: [
    {
      at: '2024-05-01T10:00:00.000Z',
      actor: { sub: 'public', username: 'public' },
      action: 'RECEIVE',
      from: null,
      to: 'NEW',
    },
  ],
  ...overrides,
});

test('a key repeated concurrently stores one tip and answers the same reference; another body is refused', async () => {
  const alertId = 'aaaaaaaaaa';
  const idempotency = { fingerprint: idempotencyFingerprint(alertId, 'k-1'), body: 'digest-1' };
  const candidates = referenceCandidates(idempotency.fingerprint);
  const results = await Promise.all(
    Array.from({ length: 8 }, () => repo.create(aTip(alertId), candidates, idempotency)),
  );
  expect(results.filter((r) => r.kind === 'CREATED')).toHaveLength(1);
  expect(results.filter((r) => r.kind === 'REPLAYED')).toHaveLength(7);
  expect(new Set(results.map((r) => (r.kind === 'KEY_REUSED' ? '' : r.tip.reference))).size).toBe(1);
  expect((await repo.counts(alertId)).total).toBe(1);
  expect(await repo.create(aTip(alertId), candidates, { ...idempotency, body: 'digest-2' })).toEqual({
    kind: 'KEY_REUSED',
  });
  // A reference already held by another key's tip is skipped, not overwritten.
  const other = { fingerprint: idempotencyFingerprint(alertId, 'k-2'), body: 'digest-1' };
  const moved = await repo.create(aTip(alertId), candidates, other);
  expect(moved.kind).toBe('CREATED');
  expect(moved.kind === 'CREATED' && moved.tip.reference).toBe(candidates[1]);
});

test('pages newest first, with a state filter that reads on until the page is full', async () => {
  const alertId = 'bbbbbbbbbb';
  const refs: string[] = [];
  for (let i = 0; i < 7; i++) {
    const created = await repo.create(
      aTip(alertId, { state: i % 2 === 0 ? 'NEW' : 'DISMISSED' }),
      referenceCandidates(),
    );
    if (created.kind === 'CREATED') refs.push(created.tip.reference);
  }
  const first = await repo.page(alertId, { limit: 3 });
  expect(first.items.map((t) => t.reference)).toEqual(refs.slice(-3).reverse());
  const second = await repo.page(alertId, { limit: 3, ...(first.next ? { cursor: first.next } : {}) });
  expect(second.items.map((t) => t.reference)).toEqual(refs.slice(1, 4).reverse());
  const newOnly = await repo.page(alertId, { state: 'NEW', limit: 3 });
  expect(newOnly.items.map((t) => t.state)).toEqual(['NEW', 'NEW', 'NEW']);
  const rest = await repo.page(alertId, {
    state: 'NEW',
    limit: 3,
    ...(newOnly.next ? { cursor: newOnly.next } : {}),
  });
  expect(rest.items).toHaveLength(1);
  expect(rest.next).toBeUndefined();
  expect(await repo.counts(alertId)).toMatchObject({ total: 7, NEW: 4, DISMISSED: 3 });
  expect((await repo.all(alertId)).map((t) => t.reference)).toEqual([...refs].reverse());
});

test('triage is conditional on the state read; the history keeps each move', async () => {
  const created = await repo.create(aTip('cccccccccc'), referenceCandidates());
  if (created.kind !== 'CREATED') throw new Error('not created');
  const id = created.tip.id;
  const actor = { sub: 's', username: 'officer.tirana' };
  const moved = await repo.triage(id, {
    at: 't1',
    actor,
    action: 'TRIAGE',
    from: 'NEW',
    to: 'REVIEWING',
    note: 'n',
  });
  expect(moved.state).toBe('REVIEWING');
  await expect(
    repo.triage(id, { at: 't2', actor, action: 'TRIAGE', from: 'NEW', to: 'DISMISSED' }),
  ).rejects.toBeInstanceOf(ConcurrentChangeError);
  expect((await repo.get(id))?.history.map((e) => e.to)).toEqual(['NEW', 'REVIEWING']);
});

test('urgent notices: the window is claimed once; its count covers every urgent tip since the last notice', async () => {
  const at = (s: number) => new Date(Date.UTC(2024, 4, 1, 12, 0, s));
  const claims = await Promise.all(
    Array.from({ length: 6 }, () => repo.countUrgent('dddddddddd', at(0), 60_000)),
  );
  const notified = claims.filter((c): c is number => c !== undefined);
  expect(notified).toHaveLength(1);
  expect(await repo.countUrgent('dddddddddd', at(59), 60_000)).toBeUndefined();
  const next = await repo.countUrgent('dddddddddd', at(61), 60_000);
  expect((notified[0] ?? 0) + (next ?? 0)).toBe(8);
});

test('one acknowledgement per alert and phone; the contact purge removes contacts and markers, once', async () => {
  const alertId = 'eeeeeeeeee';
  expect(await repo.claimAcknowledgement(alertId, '+355692340001', new Date())).toBe(true);
  expect(await repo.claimAcknowledgement(alertId, '+355692340001', new Date())).toBe(false);
  expect(await repo.claimAcknowledgement('ffffffffff', '+355692340001', new Date())).toBe(true);
  await repo.create(
    aTip(alertId, { contact: { phone: '+355692340001' }, channel: 'SMS' }),
    referenceCandidates(),
  );
  await repo.create(aTip(alertId), referenceCandidates());
  const now = new Date('2024-06-01T00:00:00.000Z');
  expect(await repo.purgeContacts(alertId, now)).toBe(1);
  const tips = await repo.all(alertId);
  expect(tips.every((t) => t.contact === undefined)).toBe(true);
  expect(tips.find((t) => t.channel === 'SMS')).toMatchObject({ contactPurgedAt: now.toISOString() });
  expect(tips.find((t) => t.channel === 'SMS')?.history.at(-1)?.action).toBe('PURGE_CONTACT');
  expect(await repo.purgeContacts(alertId, now)).toBe(0);
  // The marker went with the contacts: the phone would be acknowledged again (the alert has ended anyway).
  expect(await repo.claimAcknowledgement(alertId, '+355692340001', new Date())).toBe(true);
});

test('a phone’s latest received message: the byPhone index holds sent records only', async () => {
  const latest = new DynamoLatestDelivery(documents, names.deliveriesTable);
  const put = (messageKey: string, sentAt?: string) =>
    documents.send(
      new PutCommand({
        TableName: names.deliveriesTable,
        Item: {
          messageKey,
          phone: '+355692340009',
          language: 'en',
          status: sentAt ? 'SENT' : 'PENDING',
          attempts: 0,
          ...(sentAt ? { sentAt } : {}),
        },
      }),
    );
  expect(await latest.latestReceivedBy('+355692340009')).toBeUndefined();
  await put('aaaaaaaaaa#ALERT', '2024-05-01T10:00:00.000Z');
  await put('bbbbbbbbbb#ALERT#P3', '2024-05-01T11:00:00.000Z');
  await put('cccccccccc#ALERT');
  expect(await latest.latestReceivedBy('+355692340009')).toEqual({ alertId: 'bbbbbbbbbb', language: 'en' });
});
