import type { IssuedMessage } from '../../../lambdas/domain/alert';
import { MAX_ISSUED_MESSAGES, nextVersion, smsNumberOf } from '../../../lambdas/domain/alert-update';
import { ConflictError } from '../../../lambdas/domain/errors';
import { anAlert } from '../support/builders';

const issued = (...kinds: IssuedMessage['kind'][]): { messages: IssuedMessage[] } => {
  const alert = anAlert();
  return {
    messages: kinds.map((kind, i) => ({
      kind,
      version: i + 1,
      sentAt: '2026-11-28T14:00:00.000Z',
      capIdentifier: `amber.example.org.${alert.id}.${i + 1}`,
      content: { child: alert.child, lastSeen: alert.lastSeen, counties: alert.counties },
    })),
  };
};

describe('smsNumberOf: the number subscribers read on an update', () => {
  test('counts the alert and the updates before it, not the extensions', () => {
    expect(smsNumberOf(issued('ALERT'), 2)).toBe(2);
    expect(smsNumberOf(issued('ALERT', 'EXTENSION'), 3)).toBe(2);
    expect(smsNumberOf(issued('ALERT', 'UPDATE', 'EXTENSION', 'EXTENSION'), 5)).toBe(3);
  });

  test('is the same before the update is issued (signing) and after (sending)', () => {
    const before = issued('ALERT', 'EXTENSION');
    const after = issued('ALERT', 'EXTENSION', 'UPDATE');
    expect(smsNumberOf(after, 3)).toBe(smsNumberOf(before, 3));
  });
});

describe('nextVersion', () => {
  test('follows the last issued message, and keeps the last version for the cancellation', () => {
    expect(nextVersion(issued('ALERT', 'EXTENSION'))).toBe(3);
    const full = issued(...Array.from({ length: MAX_ISSUED_MESSAGES - 1 }, () => 'UPDATE' as const));
    expect(() => nextVersion(full)).toThrow(ConflictError);
  });
});
