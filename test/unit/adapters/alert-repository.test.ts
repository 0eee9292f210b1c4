import 'aws-sdk-client-mock-jest';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoAlertRepository } from '../../../lambdas/adapters/dynamodb/alert-repository';
import type { AuditEntry } from '../../../lambdas/domain/alert';
import { CaseNumberTakenError, ConcurrentChangeError, ConflictError } from '../../../lambdas/domain/errors';
import type { TransitionRequest } from '../../../lambdas/ports/alert-repository';
import { conditionalCheckFailed, documentClient } from '../support/aws';
import { anActiveAlert, anAlert } from '../support/builders';
import { rejectionOf } from '../support/errors';

const TABLE = 'amber-alerts';
const client = documentClient();
const ddb = mockClient(client);
const repo = new DynamoAlertRepository(client, TABLE);

beforeEach(() => ddb.reset());

const putsOf = () => ddb.commandCalls(PutCommand).map((c) => c.args[0].input);

describe('create: case number reservation', () => {
  const alert = anAlert({ caseNumber: ' tr-2024-0001 ' });
  const reservation = { id: 'case#TR-2024-0001', alertId: alert.id };

  test('a free case number is reserved, then the alert is put', async () => {
    ddb.on(PutCommand).resolves({});
    await repo.create(alert);
    expect(putsOf()).toEqual([
      { TableName: TABLE, Item: reservation, ConditionExpression: 'attribute_not_exists(id)' },
      { TableName: TABLE, Item: alert, ConditionExpression: 'attribute_not_exists(id)' },
    ]);
    expect(ddb).not.toHaveReceivedCommand(GetCommand);
  });

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

  test.each(['RESOLVED', 'EXPIRED', 'REJECTED', 'APPROVAL_TIMED_OUT', 'FAILED'] as const)(
    'a case number held by a %s alert is taken over with a condition on the old holder',
    async (status) => {
      const holder = anAlert({ status });
      ddb
        .on(PutCommand, { Item: reservation, ConditionExpression: 'attribute_not_exists(id)' })
        .rejects(conditionalCheckFailed());
      ddb.on(PutCommand, { Item: reservation, ConditionExpression: 'alertId = :holder' }).resolves({});
      ddb.on(PutCommand, { Item: alert }).resolves({});
      ddb.on(GetCommand, { Key: { id: 'case#TR-2024-0001' } }).resolves({ Item: { alertId: holder.id } });
      ddb.on(GetCommand, { Key: { id: holder.id } }).resolves({ Item: holder });

      await repo.create(alert);
      expect(putsOf()).toEqual([
        { TableName: TABLE, Item: reservation, ConditionExpression: 'attribute_not_exists(id)' },
        {
          TableName: TABLE,
          Item: reservation,
          ConditionExpression: 'alertId = :holder',
          ExpressionAttributeValues: { ':holder': holder.id },
        },
        { TableName: TABLE, Item: alert, ConditionExpression: 'attribute_not_exists(id)' },
      ]);
    },
  );

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

  test('listByDirectorate without a status has no filter', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    await repo.listByDirectorate('AL-11');
    const input = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(input?.FilterExpression).toBeUndefined();
    expect(input?.ExpressionAttributeValues).toEqual({ ':d': 'AL-11' });
  });

  test('listByStatus queries the status index', async () => {
    ddb.on(QueryCommand).resolves({});
    await expect(repo.listByStatus('ACTIVE')).resolves.toEqual([]);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      IndexName: 'byStatus',
      ExpressionAttributeValues: { ':s': 'ACTIVE' },
    });
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
  const input = () => {
    const call = ddb.commandCalls(UpdateCommand)[0];
    if (!call) throw new Error('no UpdateCommand sent');
    return call.args[0].input;
  };

  test('changes the status and appends the audit entry in ONE conditional update', async () => {
    const written = { ...anAlert({ id, status: 'APPROVED' }), waitToken: 'token-1' };
    ddb.on(UpdateCommand).resolves({ Attributes: written });

    await expect(repo.transition(approve)).resolves.toEqual(written);

    expect(ddb).toHaveReceivedCommandTimes(UpdateCommand, 1);
    expect(ddb.calls()).toHaveLength(1);
    const sent = input();
    expect(sent.Key).toEqual({ id });
    expect(sent.ReturnValues).toBe('ALL_NEW');
    expect(sent.UpdateExpression).toMatch(/^SET /);
    expect(sent.UpdateExpression).toContain('#status = :to');
    expect(sent.UpdateExpression).toContain('#updatedAt = :now');
    expect(sent.UpdateExpression).toContain('#history = list_append(#history, :entry)');
    expect(sent.ExpressionAttributeNames).toMatchObject({ '#status': 'status', '#history': 'history' });
    expect(sent.ExpressionAttributeValues).toMatchObject({
      ':to': 'APPROVED',
      ':entry': [entry],
      ':now': entry.at,
      ':from0': 'PENDING_APPROVAL',
    });
  });

  test('the condition requires the item and one of the expected statuses', async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: {} });
    await repo.transition({
      ...approve,
      from: ['PENDING_APPROVAL', 'APPROVED', 'ACTIVE'],
      notAfter: undefined,
    });
    expect(input().ConditionExpression).toBe('attribute_exists(id) AND #status IN (:from0, :from1, :from2)');
    expect(input().ExpressionAttributeValues).toMatchObject({
      ':from0': 'PENDING_APPROVAL',
      ':from1': 'APPROVED',
      ':from2': 'ACTIVE',
    });
  });

  test('notAfter adds the deadline to the same condition', async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: {} });
    await repo.transition(approve);
    expect(input().ConditionExpression).toBe(
      'attribute_exists(id) AND #status IN (:from0) AND #deadline > :deadlineNow',
    );
    expect(input().ExpressionAttributeNames).toMatchObject({ '#deadline': 'approvalDeadline' });
    expect(input().ExpressionAttributeValues).toMatchObject({ ':deadlineNow': entry.at });
  });

  test('extra attributes are set in the same write, undefined ones left out', async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: {} });
    await repo.transition({
      ...approve,
      set: { outcome: 'FOUND', resolvedAt: entry.at, resolutionNote: undefined },
      notAfter: undefined,
    });
    const names = input().ExpressionAttributeNames ?? {};
    const values = input().ExpressionAttributeValues ?? {};
    const setNames = Object.entries(names).filter(([k]) => /^#s\d+$/.test(k));
    expect(Object.fromEntries(setNames.map(([k, v]) => [v, values[`:${k.slice(1)}`]]))).toEqual({
      outcome: 'FOUND',
      resolvedAt: entry.at,
    });
    for (const [placeholder] of setNames)
      expect(input().UpdateExpression).toContain(`${placeholder} = :${placeholder.slice(1)}`);
  });

  test('unchanged adds the mode to the same condition', async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: {} });
    await repo.transition({ ...approve, unchanged: { mode: 'EXERCISE' } });
    expect(input().ConditionExpression).toBe(
      'attribute_exists(id) AND #status IN (:from0) AND #deadline > :deadlineNow AND #mode = :mode',
    );
    expect(input().ExpressionAttributeNames).toMatchObject({ '#mode': 'mode' });
    expect(input().ExpressionAttributeValues).toMatchObject({ ':mode': 'EXERCISE' });
  });

  test('a lost condition is a ConcurrentChangeError', async () => {
    ddb.on(UpdateCommand).rejects(conditionalCheckFailed());
    await expect(repo.transition(approve)).rejects.toBeInstanceOf(ConcurrentChangeError);
    await expect(repo.transition(approve)).rejects.toThrow('Alert is no longer PENDING_APPROVAL');
  });

  test('other errors pass through unchanged', async () => {
    const error = new ProvisionedThroughputExceededException({ message: 'slow', $metadata: {} });
    ddb.on(UpdateCommand).rejects(error);
    await expect(repo.transition(approve)).rejects.toBe(error);
  });
});

describe('update', () => {
  test('sets attributes and appends an entry, only if the alert exists', async () => {
    ddb.on(UpdateCommand).resolves({});
    const entry: AuditEntry = {
      at: '2024-05-01T10:00:00.000Z',
      actor: { sub: 'system', username: 'workflow' },
      action: 'CANCELLATION_SENT',
      from: 'RESOLVED',
      to: 'RESOLVED',
    };
    await repo.update('a-1', { cancellationSentAt: entry.at }, entry);
    const sent = ddb.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(sent?.ConditionExpression).toBe('attribute_exists(id)');
    expect(sent?.UpdateExpression).toBe('SET #s0 = :s0, #history = list_append(#history, :entry)');
    expect(sent?.ExpressionAttributeNames).toEqual({ '#s0': 'cancellationSentAt', '#history': 'history' });
    expect(sent?.ExpressionAttributeValues).toEqual({ ':s0': entry.at, ':entry': [entry] });
  });

  test('nothing to set sends nothing', async () => {
    await repo.update('a-1', { failure: undefined });
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('setWaitToken', () => {
  test('stores the token while the alert is in the awaited status: true', async () => {
    ddb.on(UpdateCommand).resolves({});
    await expect(repo.setWaitToken('a-1', 'PENDING_APPROVAL', 'token-1')).resolves.toBe(true);
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      Key: { id: 'a-1' },
      UpdateExpression: 'SET waitToken = :token',
      ConditionExpression: '#status = :status',
      ExpressionAttributeValues: { ':token': 'token-1', ':status': 'PENDING_APPROVAL' },
    });
  });

  test('an alert that moved on: false', async () => {
    ddb.on(UpdateCommand).rejects(conditionalCheckFailed());
    await expect(repo.setWaitToken('a-1', 'PENDING_APPROVAL', 'token-1')).resolves.toBe(false);
  });

  test('other errors are thrown', async () => {
    ddb.on(UpdateCommand).rejects(new Error('network'));
    await expect(repo.setWaitToken('a-1', 'ACTIVE', 'token-1')).rejects.toThrow('network');
  });
});
