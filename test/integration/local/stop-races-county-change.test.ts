import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoSubscriberRepository } from '../../../lambdas/adapters/dynamodb/subscriber-repository';
import { ConcurrentChangeError } from '../../../lambdas/domain/errors';
import { tablesOnDynalite } from '../support/dynalite-tables';

/**
 * A STOP (remove) interleaved with the confirmation of new counties (activate), on dynalite through the real
 * adapter: whichever lands in between, the opted-out phone has no membership left, so no plan reaches it.
 */
const PHONE = '+355692340077';
const NOW = '2026-01-01T10:00:00.000Z';

const dynamo = tablesOnDynalite();

/** A client that holds the first command `matches` accepts until `release()`, and says when it got there. */
function gatedClient(matches: (command: unknown) => boolean) {
  let reached: () => void = () => {};
  let release: () => void = () => {};
  const atGate = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let armed = true;
  const gated = {
    send: async (command: Parameters<DynamoDBDocumentClient['send']>[0]) => {
      if (armed && matches(command)) {
        armed = false;
        reached();
        await gate;
      }
      return dynamo.documents.send(command);
    },
  } as unknown as DynamoDBDocumentClient;
  return { gated, atGate, release };
}

const conditionOf = (command: unknown) =>
  command instanceof UpdateCommand ? (command.input.ConditionExpression ?? '') : '';

const pending = (codeHash: string, counties: string[]) => ({
  codeHash,
  expiresAt: '2026-01-01T10:15:00.000Z',
  attempts: 0,
  counties,
  language: 'sq',
});

async function subscribedTo(counties: string[], phone: string) {
  const repo = new DynamoSubscriberRepository(dynamo.documents, dynamo.names.subscribersTable);
  await repo.putPending(phone, pending('first', counties), NOW);
  await repo.activate(phone, 'first', NOW);
  await repo.putPending(phone, pending('second', ['AL-11', 'AL-02']), '2026-01-01T10:01:00.000Z');
  return repo;
}

async function plannedPhones(repo: DynamoSubscriberRepository): Promise<string[]> {
  const phones: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await repo.recipientsPage(['AL-11', 'AL-02', 'AL-05'], cursor);
    phones.push(...page.recipients.map((r) => r.phone));
    cursor = page.next;
  } while (cursor);
  return phones;
}

test('a confirmation of new counties landing between the STOP and its profile write leaves no membership', async () => {
  const phone = PHONE;
  const repo = await subscribedTo(['AL-11'], phone);
  const { gated, atGate, release } = gatedClient((c) => conditionOf(c).startsWith('#status = :active'));
  const stopping = new DynamoSubscriberRepository(gated, dynamo.names.subscribersTable).remove(
    phone,
    'OPTED_OUT',
    NOW,
  );
  await atGate;
  // The new counties are confirmed while the STOP is half-way.
  await repo.activate(phone, 'second', '2026-01-01T10:02:00.000Z');
  release();
  expect(await stopping).toBe(true);

  expect((await repo.get(phone))?.status).toBe('OPTED_OUT');
  expect(await plannedPhones(repo)).not.toContain(phone);
  expect(await repo.countByCounty(['AL-11', 'AL-02'])).toBe(0);
});

test('a STOP landing between the confirmation memberships and its profile write leaves no membership', async () => {
  const phone = '+355692340078';
  const repo = await subscribedTo(['AL-05'], phone);
  const { gated, atGate, release } = gatedClient((c) => conditionOf(c) === 'pending.codeHash = :hash');
  const confirming = new DynamoSubscriberRepository(gated, dynamo.names.subscribersTable).activate(
    phone,
    'second',
    NOW,
  );
  await atGate;
  expect(await repo.remove(phone, 'OPTED_OUT', '2026-01-01T10:02:00.000Z')).toBe(true);
  release();
  await expect(confirming).rejects.toThrow(ConcurrentChangeError);

  expect((await repo.get(phone))?.status).toBe('OPTED_OUT');
  expect(await plannedPhones(repo)).not.toContain(phone);
});
