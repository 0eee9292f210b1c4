import type { IssuedMessage } from '../../../lambdas/domain/alert';
import { ConcurrentChangeError } from '../../../lambdas/domain/errors';
import { anActiveAlert } from '../../unit/support/builders';
import { alertRepositoryOnDynalite } from './helpers';

/**
 * The condition that keeps versions unique (TransitionRequest.issuedMessages) against DynamoDB's own
 * evaluation (dynalite): an update request or extension counted from a stale list of messages loses.
 */
describe('transition conditioned on the number of issued messages, on dynalite', () => {
  const dynamo = alertRepositoryOnDynalite();

  const message = (version: number, kind: IssuedMessage['kind']): IssuedMessage => ({
    kind,
    version,
    sentAt: '2024-05-01T10:00:00.000Z',
    capIdentifier: `amber.example.org.x.${version}`,
    content: { child: anActiveAlert().child, lastSeen: anActiveAlert().lastSeen, counties: ['AL-11'] },
  });
  const extend = (id: string, issuedMessages: number, messages: IssuedMessage[]) =>
    dynamo.repo.transition({
      id,
      from: ['ACTIVE'],
      to: 'ACTIVE',
      entry: {
        at: '2024-05-01T10:00:00.000Z',
        actor: { sub: 's', username: 's' },
        action: 'EXTEND',
        from: 'ACTIVE',
        to: 'ACTIVE',
      },
      set: { messages },
      issuedMessages,
      updateRequest: { states: ['NONE'] },
    });

  test('the write holds with the count read, and loses once another message was issued', async () => {
    const alert = anActiveAlert({ caseNumber: 'TR-2024-0101', messages: [message(1, 'ALERT')] });
    await dynamo.repo.create(alert);
    const written = await extend(alert.id, 1, [message(1, 'ALERT'), message(2, 'EXTENSION')]);
    expect(written.messages?.map((m) => m.version)).toEqual([1, 2]);
    // A second writer that read one message would take version 2 again: refused.
    await expect(extend(alert.id, 1, [message(1, 'ALERT'), message(2, 'EXTENSION')])).rejects.toThrow(
      ConcurrentChangeError,
    );
    expect((await dynamo.repo.get(alert.id))?.messages?.map((m) => m.version)).toEqual([1, 2]);
    expect((await dynamo.repo.get(alert.id))?.history.map((h) => h.action)).toEqual(['SUBMIT', 'EXTEND']);
  });

  test('zero issued matches an alert without a message list', async () => {
    const alert = anActiveAlert({ caseNumber: 'TR-2024-0102' });
    await dynamo.repo.create(alert);
    await expect(extend(alert.id, 1, [message(1, 'ALERT')])).rejects.toThrow(ConcurrentChangeError);
    const written = await extend(alert.id, 0, [message(1, 'ALERT')]);
    expect(written.messages).toHaveLength(1);
  });
});
