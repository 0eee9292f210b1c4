import 'aws-sdk-client-mock-jest';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoSubscriberRepository } from '../../../lambdas/adapters/dynamodb/subscriber-repository';
import { ConcurrentChangeError } from '../../../lambdas/domain/errors';
import { conditionalCheckFailed, documentClient } from '../support/aws';
import { mobile } from '../support/builders';

const TABLE = 'amber-subscribers';
const client = documentClient();
const ddb = mockClient(client);
const repo = new DynamoSubscriberRepository(client, TABLE);

beforeEach(() => ddb.reset());

const membership = (county: string, phone: string, counties: string[], language = 'sq') => ({
  pk: `COUNTY#${county}`,
  sk: `PHONE#${phone}`,
  phone,
  language,
  counties,
});

describe('recipientsPage', () => {
  const [a, b, c, d] = [mobile(1), mobile(2), mobile(3), mobile(4)];

  test('a phone already reached through an earlier target county is skipped; the cursor moves to the next county', async () => {
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'COUNTY#AL-11' } }).resolves({
      Items: [membership('AL-11', a, ['AL-11']), membership('AL-11', b, ['AL-11', 'AL-02'], 'en')],
    });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'COUNTY#AL-02' } }).resolves({
      Items: [
        membership('AL-02', b, ['AL-11', 'AL-02'], 'en'),
        membership('AL-02', c, ['AL-02']),
        // Also subscribed to a county this alert does not target: still reached here, once.
        membership('AL-02', d, ['AL-02', 'AL-05']),
      ],
    });

    const first = await repo.recipientsPage(['AL-11', 'AL-02']);
    expect(first.recipients).toEqual([
      { phone: a, language: 'sq' },
      { phone: b, language: 'en' },
    ]);
    expect(first.next).toEqual(expect.any(String));

    const second = await repo.recipientsPage(['AL-11', 'AL-02'], first.next);
    expect(second.recipients).toEqual([
      { phone: c, language: 'sq' },
      { phone: d, language: 'sq' },
    ]);
    expect(second.next).toBeUndefined();
    expect(ddb).toHaveReceivedNthSpecificCommandWith(2, QueryCommand, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'COUNTY#AL-02' },
    });
  });

  test('a county larger than a page continues in the same county from LastEvaluatedKey', async () => {
    const lastKey = { pk: 'COUNTY#AL-11', sk: `PHONE#${a}` };
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [membership('AL-11', a, ['AL-11'])], LastEvaluatedKey: lastKey })
      .resolvesOnce({ Items: [membership('AL-11', b, ['AL-11'])] });

    const first = await repo.recipientsPage(['AL-11', 'AL-02'], undefined, 1);
    const second = await repo.recipientsPage(['AL-11', 'AL-02'], first.next, 1);

    expect(second.recipients).toEqual([{ phone: b, language: 'sq' }]);
    expect(ddb).toHaveReceivedNthSpecificCommandWith(1, QueryCommand, { Limit: 1 });
    expect(ddb).toHaveReceivedNthSpecificCommandWith(2, QueryCommand, {
      ExpressionAttributeValues: { ':pk': 'COUNTY#AL-11' },
      ExclusiveStartKey: lastKey,
    });
    // AL-11 is exhausted, AL-02 is still to come.
    expect(second.next).toEqual(expect.any(String));
  });

  test('walking all pages yields each phone once, whatever the overlap', async () => {
    const targets = ['AL-01', 'AL-02', 'AL-03'];
    const everywhere = ['AL-01', 'AL-02', 'AL-03'];
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'COUNTY#AL-01' } }).resolves({
      Items: [membership('AL-01', a, everywhere)],
    });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'COUNTY#AL-02' } }).resolves({
      Items: [membership('AL-02', a, everywhere), membership('AL-02', b, ['AL-02', 'AL-03'])],
    });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'COUNTY#AL-03' } }).resolves({
      Items: [
        membership('AL-03', a, everywhere),
        membership('AL-03', b, ['AL-02', 'AL-03']),
        membership('AL-03', c, ['AL-03']),
      ],
    });

    const phones: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await repo.recipientsPage(targets, cursor);
      phones.push(...page.recipients.map((r) => r.phone));
      cursor = page.next;
      pages++;
    } while (cursor && pages < 10);
    expect(phones.sort()).toEqual([a, b, c].sort());
    expect(pages).toBe(3);
  });

  test('no counties: an empty last page, and no query', async () => {
    await expect(repo.recipientsPage([])).resolves.toEqual({ recipients: [] });
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('profile and confirmation', () => {
  test('get strips the keys', async () => {
    ddb.on(GetCommand).resolves({
      Item: {
        pk: `PHONE#${mobile(1)}`,
        sk: 'PROFILE',
        phone: mobile(1),
        status: 'ACTIVE',
        language: 'sq',
        counties: [],
      },
    });
    await expect(repo.get(mobile(1))).resolves.toEqual({
      phone: mobile(1),
      status: 'ACTIVE',
      language: 'sq',
      counties: [],
    });
    expect(ddb).toHaveReceivedCommandWith(GetCommand, {
      Key: { pk: `PHONE#${mobile(1)}`, sk: 'PROFILE' },
      ConsistentRead: true,
    });
  });

  test('putPending keeps an existing subscription (if_not_exists) and stores only the hash', async () => {
    ddb.on(UpdateCommand).resolves({});
    const pending = {
      codeHash: 'ab'.repeat(32),
      expiresAt: '2024-05-01T10:15:00.000Z',
      attempts: 0,
      counties: ['AL-11'],
      language: 'en',
    };
    await repo.putPending(mobile(1), pending, '2024-05-01T10:00:00.000Z');
    const input = ddb.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input?.UpdateExpression).toContain('#status = if_not_exists(#status, :initial)');
    expect(input?.UpdateExpression).toContain('counties = if_not_exists(counties, :none)');
    expect(input?.ExpressionAttributeValues).toMatchObject({
      ':pending': pending,
      ':initial': 'PENDING_CONFIRMATION',
    });
  });

  test('claimAttempt counts an attempt only while under the limit', async () => {
    ddb.on(UpdateCommand).resolves({});
    await expect(repo.claimAttempt(mobile(1), 5)).resolves.toBe(true);
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      UpdateExpression: 'SET pending.attempts = pending.attempts + :one',
      ConditionExpression: 'attribute_exists(pending) AND pending.attempts < :max',
      ExpressionAttributeValues: { ':one': 1, ':max': 5 },
    });
    ddb.on(UpdateCommand).rejects(conditionalCheckFailed());
    await expect(repo.claimAttempt(mobile(1), 5)).resolves.toBe(false);
  });

  test('activate makes the pending subscription active, moves memberships and counters', async () => {
    const phone = mobile(1);
    ddb.on(GetCommand).resolves({
      Item: {
        pk: `PHONE#${phone}`,
        sk: 'PROFILE',
        phone,
        status: 'ACTIVE',
        language: 'sq',
        counties: ['AL-11', 'AL-02'],
        pending: { codeHash: 'h', expiresAt: 'x', attempts: 1, counties: ['AL-02', 'AL-05'], language: 'en' },
        updatedAt: 'x',
      },
    });
    ddb.on(UpdateCommand, { Key: { pk: `PHONE#${phone}`, sk: 'PROFILE' } }).resolves({
      Attributes: {
        pk: `PHONE#${phone}`,
        sk: 'PROFILE',
        phone,
        status: 'ACTIVE',
        language: 'en',
        counties: ['AL-02', 'AL-05'],
      },
    });
    ddb.on(UpdateCommand, { Key: { pk: 'COUNTER' } }).resolves({});
    ddb.on(PutCommand).resolves({});
    ddb.on(DeleteCommand).resolves({});

    await expect(repo.activate(phone, 'h', '2024-05-01T10:01:00.000Z')).resolves.toEqual({
      phone,
      status: 'ACTIVE',
      language: 'en',
      counties: ['AL-02', 'AL-05'],
    });

    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      Key: { pk: `PHONE#${phone}`, sk: 'PROFILE' },
      ConditionExpression: 'pending.codeHash = :hash',
      ExpressionAttributeValues: expect.objectContaining({
        ':hash': 'h',
        ':counties': ['AL-02', 'AL-05'],
        ':language': 'en',
      }),
    });
    expect(ddb.commandCalls(DeleteCommand).map((c) => c.args[0].input.Key)).toEqual([
      { pk: 'COUNTY#AL-11', sk: `PHONE#${phone}` },
    ]);
    expect(ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item)).toEqual([
      { pk: 'COUNTY#AL-02', sk: `PHONE#${phone}`, phone, language: 'en', counties: ['AL-02', 'AL-05'] },
      { pk: 'COUNTY#AL-05', sk: `PHONE#${phone}`, phone, language: 'en', counties: ['AL-02', 'AL-05'] },
    ]);
    const counters = ddb
      .commandCalls(UpdateCommand)
      .map((c) => c.args[0].input)
      .filter((i) => i.Key?.pk === 'COUNTER')
      .map((i) => [i.Key?.sk, i.ExpressionAttributeValues?.[':by']]);
    expect(Object.fromEntries(counters)).toEqual({
      'AL-11#sq': -1,
      'AL-02#sq': -1,
      'AL-02#en': 1,
      'AL-05#en': 1,
    });
  });

  test('a confirmation retried after a failed membership write repairs the memberships', async () => {
    const phone = mobile(1);
    const profile = { pk: `PHONE#${phone}`, sk: 'PROFILE', phone, language: 'sq', updatedAt: 'x' };
    const pending = {
      codeHash: 'h',
      expiresAt: '2999-01-01T00:00:00.000Z',
      attempts: 0,
      counties: ['AL-11', 'AL-02'],
      language: 'sq',
    };
    const activated = { ...profile, status: 'ACTIVE', counties: ['AL-11', 'AL-02'] };
    // The failed attempt never reached the profile update, so the pending code is still there.
    ddb
      .on(GetCommand)
      .resolves({ Item: { ...profile, status: 'PENDING_CONFIRMATION', counties: [], pending } });
    ddb.on(UpdateCommand).resolves({ Attributes: activated });
    ddb.on(PutCommand).resolves({});
    ddb
      .on(PutCommand, { Item: { pk: 'COUNTY#AL-02' } })
      .rejectsOnce(
        Object.assign(new Error('Throughput exceeded'), { name: 'ProvisionedThroughputExceededException' }),
      )
      .resolves({});

    await expect(repo.activate(phone, 'h', '2024-05-01T10:00:00.000Z')).rejects.toThrow(
      'Throughput exceeded',
    );
    expect(ddb).not.toHaveReceivedCommandWith(UpdateCommand, {
      Key: { pk: `PHONE#${phone}`, sk: 'PROFILE' },
    });

    // The subscriber confirms again with the same code.
    await expect(repo.activate(phone, 'h', '2024-05-01T10:00:05.000Z')).resolves.toMatchObject({
      status: 'ACTIVE',
    });
    const durres = ddb.commandCalls(PutCommand).filter((c) => c.args[0].input.Item?.pk === 'COUNTY#AL-02');
    expect(durres).toHaveLength(2);
    // Counters moved once, by the attempt that activated the profile.
    const counters = ddb.commandCalls(UpdateCommand).filter((c) => c.args[0].input.Key?.pk === 'COUNTER');
    expect(counters.map((c) => c.args[0].input.Key?.sk).sort()).toEqual(['AL-02#sq', 'AL-11#sq']);
  });

  test('activate without a pending code is a ConcurrentChangeError', async () => {
    ddb
      .on(GetCommand)
      .resolves({ Item: { pk: 'p', sk: 's', phone: mobile(1), status: 'ACTIVE', counties: [] } });
    await expect(repo.activate(mobile(1), 'h', 'now')).rejects.toBeInstanceOf(ConcurrentChangeError);
  });

  const pendingProfile = (codeHash: string) => ({
    phone: mobile(1),
    status: 'ACTIVE',
    language: 'sq',
    counties: ['AL-05'],
    pending: { codeHash, counties: ['AL-11'], language: 'sq' },
  });

  test('activate with a code that is no longer the pending one touches no membership', async () => {
    ddb.on(GetCommand).resolves({ Item: pendingProfile('newer') });
    await expect(repo.activate(mobile(1), 'h', 'now')).rejects.toBeInstanceOf(ConcurrentChangeError);
    expect(ddb).not.toHaveReceivedCommand(PutCommand);
    expect(ddb).not.toHaveReceivedCommand(DeleteCommand);
    expect(ddb).not.toHaveReceivedCommand(UpdateCommand);
  });

  test('activate that loses to a code requested meanwhile restores the previous memberships, counters untouched', async () => {
    ddb.on(GetCommand).resolves({ Item: pendingProfile('h') });
    ddb.on(UpdateCommand).rejects(conditionalCheckFailed());
    ddb.on(PutCommand).resolves({});
    ddb.on(DeleteCommand).resolves({});
    await expect(repo.activate(mobile(1), 'h', 'now')).rejects.toBeInstanceOf(ConcurrentChangeError);

    const writes = [
      ...ddb.commandCalls(PutCommand).map((c) => `put ${c.args[0].input.Item?.pk}`),
      ...ddb.commandCalls(DeleteCommand).map((c) => `delete ${c.args[0].input.Key?.pk}`),
    ];
    // Forward (AL-05 → AL-11), then back: the phone ends as it was, in AL-05 only.
    expect(writes).toEqual([
      'put COUNTY#AL-11',
      'put COUNTY#AL-05',
      'delete COUNTY#AL-05',
      'delete COUNTY#AL-11',
    ]);
    expect(ddb.commandCalls(PutCommand).at(-1)?.args[0].input.Item).toMatchObject({ counties: ['AL-05'] });
    expect(ddb).not.toHaveReceivedCommandWith(UpdateCommand, { Key: { pk: 'COUNTER' } });
  });

  test('countByCounty adds the per-language counters of each county', async () => {
    ddb
      .on(QueryCommand, { ExpressionAttributeValues: { ':county': 'AL-11#' } })
      .resolves({ Items: [{ count: 5 }, { count: 2 }] });
    ddb
      .on(QueryCommand, { ExpressionAttributeValues: { ':county': 'AL-02#' } })
      .resolves({ Items: [{ count: 3 }] });
    await expect(repo.countByCounty(['AL-11', 'AL-02'])).resolves.toBe(10);
  });
});

describe('drill group', () => {
  const drill = {
    phone: mobile(50),
    language: 'en',
    addedBy: 'ops.duty',
    addedAt: '2024-05-01T10:00:00.000Z',
  };

  test('lives in its own partition, apart from the county memberships', async () => {
    ddb.on(PutCommand).resolves({});
    await repo.putDrillRecipient(drill);
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      TableName: TABLE,
      Item: { pk: 'DRILL', sk: `PHONE#${mobile(50)}`, ...drill },
    });
  });

  test('pages through the drill partition only, with an opaque cursor', async () => {
    const lastKey = { pk: 'DRILL', sk: `PHONE#${mobile(50)}` };
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ pk: 'DRILL', sk: 'x', ...drill }], LastEvaluatedKey: lastKey })
      .resolvesOnce({ Items: [] });
    const first = await repo.drillRecipientsPage(undefined, 1);
    expect(first.recipients).toEqual([drill]);
    const second = await repo.drillRecipientsPage(first.next, 1);
    expect(second).toEqual({ recipients: [] });
    expect(ddb).toHaveReceivedNthSpecificCommandWith(1, QueryCommand, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'DRILL' },
      Limit: 1,
    });
    expect(ddb).toHaveReceivedNthSpecificCommandWith(2, QueryCommand, { ExclusiveStartKey: lastKey });
  });
});

describe('remove', () => {
  const phone = mobile(9);
  const profile = (status: string) => ({
    pk: `PHONE#${phone}`,
    sk: 'PROFILE',
    phone,
    status,
    language: 'en',
    counties: ['AL-11', 'AL-02'],
    updatedAt: '2024-04-01T00:00:00.000Z',
  });
  const NOW = '2024-05-01T10:00:00.000Z';

  test('an active subscriber: memberships deleted, status set only if still ACTIVE, each county counter down by one', async () => {
    ddb.on(GetCommand).resolves({ Item: profile('ACTIVE') });

    expect(await repo.remove(phone, 'OPTED_OUT', NOW)).toBe(true);

    expect(ddb).toHaveReceivedCommandWith(DeleteCommand, {
      Key: { pk: 'COUNTY#AL-11', sk: `PHONE#${phone}` },
    });
    expect(ddb).toHaveReceivedCommandWith(DeleteCommand, {
      Key: { pk: 'COUNTY#AL-02', sk: `PHONE#${phone}` },
    });
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      Key: { pk: `PHONE#${phone}`, sk: 'PROFILE' },
      ConditionExpression: '#status = :active AND updatedAt = :read',
      ExpressionAttributeValues: expect.objectContaining({
        ':status': 'OPTED_OUT',
        ':none': [],
        ':read': '2024-04-01T00:00:00.000Z',
      }),
    });
    for (const county of ['AL-11', 'AL-02']) {
      expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
        Key: { pk: 'COUNTER', sk: `${county}#en` },
        ExpressionAttributeValues: { ':by': -1 },
      });
    }
  });

  test.each(['UNSUBSCRIBED', 'OPTED_OUT', 'PENDING_CONFIRMATION'])(
    'a %s phone is left alone',
    async (status) => {
      ddb.on(GetCommand).resolves({ Item: profile(status) });
      expect(await repo.remove(phone, 'UNSUBSCRIBED', NOW)).toBe(false);
      expect(ddb).not.toHaveReceivedCommand(DeleteCommand);
      expect(ddb).not.toHaveReceivedCommand(UpdateCommand);
    },
  );

  test('a concurrent removal wins the status change: the counters are lowered once, by it', async () => {
    ddb
      .on(GetCommand)
      .resolvesOnce({ Item: profile('ACTIVE') })
      .resolves({ Item: profile('OPTED_OUT') });
    ddb.on(UpdateCommand).rejects(conditionalCheckFailed());
    expect(await repo.remove(phone, 'UNSUBSCRIBED', NOW)).toBe(false);
    expect(ddb).toHaveReceivedCommandTimes(UpdateCommand, 1);
  });
});
