import 'aws-sdk-client-mock-jest';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoSubscriberRepository } from '../../../lambdas/adapters/dynamodb/subscriber-repository';
import { ConcurrentChangeError } from '../../../lambdas/domain/errors';
import { conditionalCheckFailed, documentClient } from '../support/aws';
import { mobile } from '../support/builders';

/**
 * The registry's behaviour on DynamoDB (codes, activation, removal, recipient pages, the drill group) is checked
 * on dynalite by test/integration/contracts/subscriber-repository.contract.test.ts; here only failures dynalite
 * cannot produce on demand: a membership write that fails half-way, and a code requested mid-activation.
 */
const TABLE = 'amber-subscribers';
const client = documentClient();
const ddb = mockClient(client);
const repo = new DynamoSubscriberRepository(client, TABLE);

beforeEach(() => ddb.reset());

describe('profile and confirmation', () => {
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

  const pendingProfile = (codeHash: string) => ({
    phone: mobile(1),
    status: 'ACTIVE',
    language: 'sq',
    counties: ['AL-05'],
    pending: {
      codeHash,
      expiresAt: '2999-01-01T00:00:00.000Z',
      attempts: 0,
      counties: ['AL-11'],
      language: 'sq',
    },
    updatedAt: '2024-04-01T00:00:00.000Z',
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

  test.each(['UNSUBSCRIBED', 'OPTED_OUT', 'PENDING_CONFIRMATION'])(
    'a %s phone is left alone',
    async (status) => {
      ddb.on(GetCommand).resolves({ Item: profile(status) });
      expect(await repo.remove(phone, 'UNSUBSCRIBED', NOW)).toBe(false);
      expect(ddb).not.toHaveReceivedCommand(DeleteCommand);
      expect(ddb).not.toHaveReceivedCommand(UpdateCommand);
    },
  );
});
