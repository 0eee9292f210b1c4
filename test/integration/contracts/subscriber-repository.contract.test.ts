import { randomUUID } from 'node:crypto';
import { phoneOf, SimulatedRegistry } from '../../../bench/broadcast/sim-registry';
import { DynamoSubscriberRepository } from '../../../lambdas/adapters/dynamodb/subscriber-repository';
import { ConcurrentChangeError } from '../../../lambdas/domain/errors';
import type { Recipient, SubscriberRepository } from '../../../lambdas/ports/subscriber-repository';
import { InMemorySubscriberRepository } from '../../unit/support/fakes';
import { tablesOnDynalite } from '../support/dynalite-tables';

/**
 * What subscriptions, opt-out and broadcast planning rely on from the subscriber registry, against the unit
 * tests' fake and the DynamoDB adapter on dynalite; the recipient pages (what a broadcast reaches) against the
 * bench's simulated registry too. Each test names counties of its own: the dynalite tables are shared.
 */
// Requests to dynalite take milliseconds, or seconds on a busy machine.
jest.setTimeout(30_000);
const dynamo = tablesOnDynalite();

const implementations: [string, () => SubscriberRepository][] = [
  ['in-memory fake', () => new InMemorySubscriberRepository()],
  [
    'DynamoDB adapter on dynalite',
    () => new DynamoSubscriberRepository(dynamo.documents, dynamo.names.subscribersTable),
  ],
];

const NOW = '2026-12-01T10:00:00.000Z';
const LATER = '2026-12-01T10:10:00.000Z';
const counties = (n: number) => {
  const tag = randomUUID().slice(0, 6);
  return Array.from({ length: n }, (_, i) => `C${i}-${tag}`);
};
const pending = (codeHash: string, countyList: string[], language = 'sq') => ({
  codeHash,
  expiresAt: '2026-12-01T10:15:00.000Z',
  attempts: 0,
  counties: countyList,
  language,
});

async function allRecipients(
  repo: Pick<SubscriberRepository, 'recipientsPage'>,
  countyList: readonly string[],
  pageSize: number,
): Promise<Recipient[]> {
  const read: Recipient[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await repo.recipientsPage(countyList, cursor, pageSize);
    expect(page.recipients.length).toBeLessThanOrEqual(pageSize);
    read.push(...page.recipients);
    cursor = page.next;
    if (++pages > 200) throw new Error('The cursor never ends');
  } while (cursor);
  return read;
}

async function subscribe(repo: SubscriberRepository, phone: string, countyList: string[], language = 'sq') {
  await repo.putPending(phone, pending(`hash-${phone}`, countyList, language), NOW);
  return repo.activate(phone, `hash-${phone}`, NOW);
}

describe.each(implementations)('SubscriberRepository contract: %s', (_name, make) => {
  let repo: SubscriberRepository;
  beforeEach(() => {
    repo = make();
  });

  test('a phone never seen reads as undefined', async () => {
    await expect(repo.get(phoneOf(9_000_001))).resolves.toBeUndefined();
  });

  test('a new code makes a pending profile; a confirmed code makes it active in its counties', async () => {
    const phone = phoneOf(1);
    const [a = '', b = ''] = counties(2);
    await repo.putPending(phone, pending('h1', [a, b], 'en'), NOW);
    await expect(repo.get(phone)).resolves.toMatchObject({
      phone,
      status: 'PENDING_CONFIRMATION',
      pending: { codeHash: 'h1', counties: [a, b], language: 'en', attempts: 0 },
    });
    const active = await repo.activate(phone, 'h1', LATER);
    expect(active).toMatchObject({
      phone,
      status: 'ACTIVE',
      counties: [a, b],
      language: 'en',
      confirmedAt: LATER,
    });
    expect(active.pending).toBeUndefined();
    await expect(repo.get(phone)).resolves.toEqual(active);
    expect(await allRecipients(repo, [a], 10)).toEqual([{ phone, language: 'en' }]);
    await expect(repo.countByCounty([a, b])).resolves.toBe(2);
  });

  test('a new code for an active phone keeps the active subscription until it is confirmed', async () => {
    const phone = phoneOf(2);
    const [a = '', b = ''] = counties(2);
    await subscribe(repo, phone, [a]);
    await repo.putPending(phone, pending('h2', [b], 'en'), LATER);
    await expect(repo.get(phone)).resolves.toMatchObject({ status: 'ACTIVE', counties: [a], language: 'sq' });
    expect(await allRecipients(repo, [a], 10)).toEqual([{ phone, language: 'sq' }]);
    // Confirmed: the memberships and counters move to the new county and language.
    await repo.activate(phone, 'h2', LATER);
    expect(await allRecipients(repo, [a], 10)).toEqual([]);
    expect(await allRecipients(repo, [b], 10)).toEqual([{ phone, language: 'en' }]);
    await expect(repo.countByCounty([a])).resolves.toBe(0);
    await expect(repo.countByCounty([b])).resolves.toBe(1);
  });

  test('claimAttempt counts attempts while under the limit, and never without a pending code', async () => {
    const phone = phoneOf(3);
    await expect(repo.claimAttempt(phone, 3)).resolves.toBe(false);
    await repo.putPending(phone, pending('h3', counties(1)), NOW);
    const attempts = await Promise.all(Array.from({ length: 5 }, () => repo.claimAttempt(phone, 3)));
    expect(attempts.filter(Boolean)).toHaveLength(3);
    await expect(repo.get(phone)).resolves.toMatchObject({ pending: { attempts: 3 } });
  });

  test('a code that is not the pending one, or no pending code, is a ConcurrentChangeError', async () => {
    const phone = phoneOf(4);
    const [a = ''] = counties(1);
    await expect(repo.activate(phone, 'h4', NOW)).rejects.toBeInstanceOf(ConcurrentChangeError);
    await repo.putPending(phone, pending('h4', [a]), NOW);
    await expect(repo.activate(phone, 'other', NOW)).rejects.toBeInstanceOf(ConcurrentChangeError);
    await expect(repo.get(phone)).resolves.toMatchObject({ status: 'PENDING_CONFIRMATION' });
    expect(await allRecipients(repo, [a], 10)).toEqual([]);
  });

  test('remove ends an active subscription once: out of every county, counters down', async () => {
    const phone = phoneOf(5);
    const [a = '', b = ''] = counties(2);
    await subscribe(repo, phone, [a, b]);
    const removals = await Promise.all([
      repo.remove(phone, 'OPTED_OUT', LATER),
      repo.remove(phone, 'UNSUBSCRIBED', LATER),
    ]);
    expect(removals.filter(Boolean)).toHaveLength(1);
    await expect(repo.get(phone)).resolves.toMatchObject({ counties: [], updatedAt: LATER });
    expect(['OPTED_OUT', 'UNSUBSCRIBED']).toContain((await repo.get(phone))?.status);
    expect(await allRecipients(repo, [a, b], 10)).toEqual([]);
    await expect(repo.countByCounty([a, b])).resolves.toBe(0);
    await expect(repo.remove(phoneOf(9_000_002), 'OPTED_OUT', LATER)).resolves.toBe(false);
  });

  test('the drill group pages on its own, and is never among a county’s recipients', async () => {
    const [a = ''] = counties(1);
    const drill = Array.from({ length: 5 }, (_, i) => phoneOf(100 + i));
    for (const phone of drill)
      await repo.putDrillRecipient({ phone, language: 'en', addedBy: 'ops.duty', addedAt: NOW });
    await subscribe(repo, phoneOf(100), [a]);
    const read: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repo.drillRecipientsPage(cursor, 2);
      expect(page.recipients.length).toBeLessThanOrEqual(2);
      read.push(...page.recipients.map((r) => r.phone));
      cursor = page.next;
    } while (cursor);
    expect(read.sort()).toEqual(drill);
    expect(await allRecipients(repo, [a], 10)).toEqual([{ phone: phoneOf(100), language: 'sq' }]);
  });
});

/**
 * The recipients of a broadcast, on a registry of 40 phones in 1–3 of 4 counties (the bench's registry decides
 * whose), two of whom opted out. The fake and the adapter are filled with the same subscriptions.
 */
const SIZE = 40;
const OPTED_OUT = new Set([3, 17]);

async function populate(
  repo: SubscriberRepository,
  reference: SimulatedRegistry,
): Promise<SubscriberRepository> {
  await Promise.all(
    Array.from({ length: SIZE }, async (_, i) => {
      await subscribe(repo, phoneOf(i), reference.countiesOf(i), reference.languageOf(i));
      if (OPTED_OUT.has(i)) await repo.remove(phoneOf(i), 'OPTED_OUT', LATER);
    }),
  );
  return repo;
}

type Registry = Pick<SubscriberRepository, 'recipientsPage' | 'countByCounty'>;
const registries: [string, (reference: SimulatedRegistry) => Promise<Registry>][] = [
  ['in-memory fake', (reference) => populate(new InMemorySubscriberRepository(), reference)],
  [
    'DynamoDB adapter on dynalite',
    (reference) =>
      populate(new DynamoSubscriberRepository(dynamo.documents, dynamo.names.subscribersTable), reference),
  ],
  ['bench simulation', async (reference) => reference],
];

describe.each(registries)('Recipient pages contract: %s', (_name, build) => {
  const regions = counties(4);
  const reference = new SimulatedRegistry(SIZE, regions, OPTED_OUT);
  let registry: Registry;
  // About 250 writes on dynalite: seconds on a busy machine.
  beforeAll(async () => {
    registry = await build(reference);
  }, 120_000);

  test.each([
    [[0], 7],
    [[0, 2, 3], 5],
    [[3, 1, 0, 2], 1000],
  ])('counties %p in pages of %i: each confirmed subscriber once, in their language', async (which, size) => {
    const target = which.map((i) => regions[i] ?? '');
    const read = await allRecipients(registry, target, size);
    const expected = [...reference.expected(target)].map((i) => ({
      phone: phoneOf(i),
      language: reference.languageOf(i),
    }));
    const byPhone = (x: Recipient, y: Recipient) => x.phone.localeCompare(y.phone);
    expect([...read].sort(byPhone)).toEqual(expected.sort(byPhone));
  });

  test('no counties: one empty last page', async () => {
    await expect(registry.recipientsPage([], undefined, 10)).resolves.toEqual({ recipients: [] });
  });

  test('the estimate counts each confirmed subscription per county (a phone in two counts twice)', async () => {
    const memberships = (county: string) =>
      Array.from({ length: SIZE }, (_, i) => i).filter(
        (i) => !OPTED_OUT.has(i) && reference.countiesOf(i).includes(county),
      ).length;
    const target = [regions[0] ?? '', regions[1] ?? ''];
    await expect(registry.countByCounty(target)).resolves.toBe(
      memberships(target[0] ?? '') + memberships(target[1] ?? ''),
    );
  });
});
