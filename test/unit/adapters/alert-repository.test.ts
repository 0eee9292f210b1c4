import 'aws-sdk-client-mock-jest';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoAlertRepository } from '../../../lambdas/adapters/dynamodb/alert-repository';
import type { AuditEntry } from '../../../lambdas/domain/alert';
import { CaseNumberTakenError, ConflictError } from '../../../lambdas/domain/errors';
import type { TransitionRequest } from '../../../lambdas/ports/alert-repository';
import { conditionalCheckFailed, documentClient } from '../support/aws';
import { anActiveAlert, anAlert } from '../support/builders';
import { rejectionOf } from '../support/errors';

/**
 * What DynamoDB does with these requests (conditions, expressions, case-number takeovers) is checked on dynalite
 * by test/integration/contracts/alert-repository.contract.test.ts; here only what dynalite cannot show: errors
 * that are not a lost condition, consistent reads, paging past 1 MB and a lost takeover race.
 */
const TABLE = 'amber-alerts';
const client = documentClient();
const ddb = mockClient(client);
const repo = new DynamoAlertRepository(client, TABLE);

beforeEach(() => ddb.reset());

const putsOf = () => ddb.commandCalls(PutCommand).map((c) => c.args[0].input);

describe('create: case number reservation', () => {
  const alert = anAlert({ caseNumber: ' tr-2024-0001 ' });
  const reservation = { id: 'case#TR-2024-0001', alertId: alert.id };

  test('a case number held by an open alert is a ConflictError naming that alert; nothing is written', async () => {
    const holder = anActiveAlert({ caseNumber: 'TR-2024-0001' });
    ddb.on(PutCommand, { Item: reservation }).rejects(conditionalCheckFailed());
    ddb
      .on(GetCommand, { Key: { id: 'case#TR-2024-0001' } })
      .resolves({ Item: { id: 'case#TR-2024-0001', alertId: holder.id } });
    ddb.on(GetCommand, { Key: { id: holder.id } }).resolves({ Item: holder });

    const error = await rejectionOf(repo.create(alert));
    expect(error).toBeInstanceOf(CaseNumberTakenError);
    expect((error as CaseNumberTakenError).holder).toEqual({ id: holder.id, directorate: 'AL-11' });
    // The use case decides whether the caller may see the holder; the error itself names none.
    expect((error as CaseNumberTakenError).details).toBeUndefined();
    expect(putsOf()).toHaveLength(1);
    expect(ddb).toHaveReceivedCommandWith(GetCommand, {
      Key: { id: 'case#TR-2024-0001' },
      ConsistentRead: true,
    });
  });

  test.each(['PENDING_APPROVAL', 'APPROVED', 'ACTIVE'] as const)('%s counts as open', async (status) => {
    const holder = anAlert({ status });
    ddb.on(PutCommand, { Item: reservation }).rejects(conditionalCheckFailed());
    ddb.on(GetCommand, { Key: { id: 'case#TR-2024-0001' } }).resolves({ Item: { alertId: holder.id } });
    ddb.on(GetCommand, { Key: { id: holder.id } }).resolves({ Item: holder });
    await expect(repo.create(alert)).rejects.toBeInstanceOf(ConflictError);
  });

  test('a reservation whose alert was never written is taken over', async () => {
    ddb
      .on(PutCommand, { Item: reservation, ConditionExpression: 'attribute_not_exists(id)' })
      .rejects(conditionalCheckFailed());
    ddb.on(PutCommand, { ConditionExpression: 'alertId = :holder' }).resolves({});
    ddb.on(PutCommand, { Item: alert }).resolves({});
    ddb.on(GetCommand, { Key: { id: 'case#TR-2024-0001' } }).resolves({ Item: { alertId: 'ghost' } });
    ddb.on(GetCommand, { Key: { id: 'ghost' } }).resolves({});
    await repo.create(alert);
    expect(putsOf()).toHaveLength(3);
  });

  test('losing the takeover race to another submission is a ConflictError, and the alert is not written', async () => {
    const holder = anAlert({ status: 'RESOLVED' });
    ddb.on(PutCommand).rejects(conditionalCheckFailed());
    ddb.on(GetCommand, { Key: { id: 'case#TR-2024-0001' } }).resolves({ Item: { alertId: holder.id } });
    ddb.on(GetCommand, { Key: { id: holder.id } }).resolves({ Item: holder });
    await expect(repo.create(alert)).rejects.toThrow('Another submission for this caseNumber is in progress');
    expect(putsOf().map((p) => p.Item)).toEqual([reservation, reservation]);
  });

  test('an exercise reserves its case number apart from live alerts', async () => {
    ddb.on(PutCommand).resolves({});
    const exercise = anAlert({ caseNumber: ' tr-2024-0001 ', mode: 'EXERCISE' });
    await repo.create(exercise);
    expect(putsOf()[0]).toEqual({
      TableName: TABLE,
      Item: { id: 'exercise-case#TR-2024-0001', alertId: exercise.id },
      ConditionExpression: 'attribute_not_exists(id)',
    });
  });

  test('other DynamoDB errors are not mistaken for a held case number', async () => {
    ddb
      .on(PutCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    await expect(repo.create(alert)).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
    expect(ddb).not.toHaveReceivedCommand(GetCommand);
  });
});

describe('get and lists', () => {
  test('get reads consistently', async () => {
    const alert = anAlert();
    ddb.on(GetCommand).resolves({ Item: alert });
    await expect(repo.get(alert.id)).resolves.toEqual(alert);
    expect(ddb).toHaveReceivedCommandWith(GetCommand, {
      TableName: TABLE,
      Key: { id: alert.id },
      ConsistentRead: true,
    });
  });

  test('get never returns a case reservation as an alert', async () => {
    await expect(repo.get('case#TR-2024-0001')).resolves.toBeUndefined();
    expect(ddb).not.toHaveReceivedCommand(GetCommand);
  });

  test('listByDirectorate follows LastEvaluatedKey to the end and filters on status', async () => {
    const [a, b, c] = [anAlert(), anAlert(), anAlert()];
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [a, b], LastEvaluatedKey: { id: b.id } })
      .resolvesOnce({ Items: [c] });
    await expect(repo.listByDirectorate('AL-11', 'PENDING_APPROVAL')).resolves.toEqual([a, b, c]);
    expect(ddb).toHaveReceivedCommandTimes(QueryCommand, 2);
    expect(ddb).toHaveReceivedNthSpecificCommandWith(1, QueryCommand, {
      IndexName: 'byDirectorate',
      KeyConditionExpression: 'directorate = :d',
      FilterExpression: '#status = :s',
      ExpressionAttributeValues: { ':d': 'AL-11', ':s': 'PENDING_APPROVAL' },
    });
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input.ExclusiveStartKey).toBeUndefined();
    expect(ddb).toHaveReceivedNthSpecificCommandWith(2, QueryCommand, { ExclusiveStartKey: { id: b.id } });
  });
});

describe('transition', () => {
  const id = '3f2b8c1e-4d5a-4b6c-9d7e-8f9a0b1c2d3e';
  const entry: AuditEntry = {
    at: '2024-05-01T10:00:00.000Z',
    actor: { sub: 'supervisor-tirana', username: 'supervisor.tirana' },
    action: 'APPROVE',
    from: 'PENDING_APPROVAL',
    to: 'APPROVED',
  };
  const approve: TransitionRequest = {
    id,
    from: ['PENDING_APPROVAL'],
    to: 'APPROVED',
    entry,
    set: { approvedBy: entry.actor, approvedAt: entry.at },
    notAfter: { attribute: 'approvalDeadline', now: entry.at },
  };
  test('other errors pass through unchanged', async () => {
    const error = new ProvisionedThroughputExceededException({ message: 'slow', $metadata: {} });
    ddb.on(UpdateCommand).rejects(error);
    await expect(repo.transition(approve)).rejects.toBe(error);
  });
});

describe('update', () => {
  test('nothing to set sends nothing', async () => {
    await repo.update('a-1', { failure: undefined });
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('setWaitToken', () => {
  test('other errors are thrown', async () => {
    ddb.on(UpdateCommand).rejects(new Error('network'));
    await expect(repo.setWaitToken('a-1', 'ACTIVE', 'token-1')).rejects.toThrow('network');
  });
});
