import '../../support/env';
import type { Alert } from '../../../../lambdas/domain/alert';
import { nextStep } from '../../../../lambdas/domain/next-step';
import { capMessageOf } from '../../../../lambdas/domain/public/cap-history';
import { broadcastMessage } from '../../../../lambdas/use-cases/broadcast/broadcast-message';
import { ContentIntegrityError } from '../../../../lambdas/use-cases/content-integrity';
import { resolveAlert } from '../../../../lambdas/use-cases/resolve-alert';
import { decideUpdate } from '../../../../lambdas/use-cases/updates/decide-update';
import { submitUpdate } from '../../../../lambdas/use-cases/updates/submit-update';
import { awaitChange, updateTimedOut } from '../../../../lambdas/use-cases/workflow-steps';
import { field } from '../../cap/cap-xml';
import { anActiveAlert, mobile, officer, supervisor } from '../../support/builders';
import { fakeDependencies } from '../../support/deps';

const [sentSq, sentEn, inFlight, failed, neverSent, subscribedLater] = [1, 2, 3, 4, 5, 6].map(mobile) as [
  string,
  string,
  string,
  string,
  string,
  string,
];

/** An active alert whose ALERT went out, as the workflow leaves it, with its delivery list. */
function activeWithDeliveries(overrides: Partial<Alert> = {}) {
  const deps = fakeDependencies();
  const alert = anActiveAlert({
    messages: [
      {
        kind: 'ALERT',
        version: 1,
        sentAt: '2024-05-01T09:55:30.000Z',
        capIdentifier: 'amber.example.org.x.1',
        content: {
          child: anActiveAlert().child,
          suspect: anActiveAlert().suspect,
          vehicle: anActiveAlert().vehicle,
          lastSeen: anActiveAlert().lastSeen,
          counties: ['AL-11', 'AL-02'],
          expiresAt: '2024-05-02T09:56:00.000Z',
        },
      },
    ],
    ...overrides,
  });
  deps.alerts.seed(alert);
  const record = (phone: string, status: 'SENT' | 'SENDING' | 'FAILED' | 'PENDING', language = 'sq') => ({
    phone,
    language,
    audience: 'PUBLIC' as const,
    status,
    attempts: 1,
  });
  deps.deliveries.seed(
    `${alert.id}#ALERT`,
    record(sentSq, 'SENT'),
    record(sentEn, 'SENT', 'en'),
    record(inFlight, 'SENDING'),
    record(failed, 'FAILED'),
    record(neverSent, 'PENDING'),
  );
  // Subscribed after the alert went out: an update is not news to someone who never had the alert.
  deps.subscribers.seedActive(subscribedLater, ['AL-11']);
  return { deps, alert };
}

async function approvedUpdate() {
  const ctx = activeWithDeliveries();
  await submitUpdate(ctx.deps, officer(), ctx.alert.id, {
    changes: { child: { description: 'Blue jacket, not red' }, vehicle: { plate: 'ZZ999ZZ' } },
  });
  await decideUpdate(ctx.deps, supervisor(), ctx.alert.id, 2, { decision: 'APPROVE' });
  return ctx;
}

describe('the UPDATE broadcast', () => {
  test('goes to exactly the phones the alert reached, once, as UPDATE 2 with the new text', async () => {
    const { deps, alert } = await approvedUpdate();
    await broadcastMessage(deps, alert.id, 'UPDATE');

    expect(deps.sms.recipients()).toEqual([inFlight, sentEn, sentSq].sort());
    expect(deps.sms.sent.every((m) => m.kind === 'UPDATE' && m.alertId === alert.id)).toBe(true);
    expect(deps.sms.sentTo(sentEn)[0]?.body).toMatch(/UPDATE 2/);
    expect(deps.sms.sentTo(sentSq)[0]?.body).toMatch(/PERDITESIMI 2/);
    // The one-segment budget keeps the protected fields, such as the new plate.
    expect(deps.sms.sentTo(sentEn)[0]?.body).toMatch(/Plate ZZ999ZZ/);
    expect(deps.deliveries.phonesWith(`${alert.id}#UPDATE-2`, 'SENT')).toEqual(
      [inFlight, sentEn, sentSq].sort(),
    );

    const stored = deps.alerts.stored(alert.id);
    expect(stored.updateRequest).toMatchObject({
      state: 'SENT',
      delivery: { recipients: 3, sent: 3, failed: 0 },
    });
    expect(stored.history.at(-1)).toMatchObject({ action: 'UPDATE_SENT', reason: 'version 2: sent 3 of 3' });
    expect(stored.messages?.map((m) => [m.kind, m.version])).toEqual([
      ['ALERT', 1],
      ['UPDATE', 2],
    ]);
    expect(stored.messages?.[1]?.content.child.description).toBe('Blue jacket, not red');
    expect(nextStep(stored, deps.clock.now()).next).toBe('AWAIT_RESOLUTION');

    // Run again (a retry): nothing more is sent.
    await broadcastMessage(deps, alert.id, 'UPDATE');
    expect(deps.sms.sent).toHaveLength(3);
  });

  test('refuses to send texts that differ from what the supervisor signed', async () => {
    const { deps, alert } = await approvedUpdate();
    const stored = deps.alerts.stored(alert.id);
    deps.alerts.seed({ ...stored, vehicle: { plate: 'XX000XX' } });
    await expect(broadcastMessage(deps, alert.id, 'UPDATE')).rejects.toThrow(ContentIntegrityError);
    expect(deps.sms.sent).toEqual([]);
    expect(deps.alerts.stored(alert.id).messages).toHaveLength(1);
  });

  test('CAP history: the Alert, the Update referencing it, the Cancel referencing both, each as issued', async () => {
    const { deps, alert } = await approvedUpdate();
    await broadcastMessage(deps, alert.id, 'UPDATE');
    deps.clock.advance(60_000);
    await resolveAlert(deps, officer(), alert.id, { outcome: 'FOUND' });
    await broadcastMessage(deps, alert.id, 'CANCELLATION');
    expect(deps.sms.recipients()).toEqual([inFlight, sentEn, sentSq].sort());

    const stored = deps.alerts.stored(alert.id);
    const [first, second, third] = (stored.messages ?? []).map((m) => capMessageOf(stored, m, deps.config));
    const sender = 'amber.example.org';
    const ref = (version: number, sent: string) => `${sender},${sender}.${alert.id}.${version},${sent}`;
    expect([field(first ?? '', 'msgType'), field(first ?? '', 'references')]).toEqual(['Alert', undefined]);
    expect(field(second ?? '', 'msgType')).toBe('Update');
    expect(field(second ?? '', 'references')).toBe(ref(1, '2024-05-01T11:55:30+02:00'));
    expect(field(third ?? '', 'msgType')).toBe('Cancel');
    expect(field(third ?? '', 'identifier')).toBe(`${sender}.${alert.id}.3`);
    expect(field(third ?? '', 'references')).toBe(
      `${ref(1, '2024-05-01T11:55:30+02:00')} ${ref(2, '2024-05-01T12:00:00+02:00')}`,
    );
    // Version 1 still reads as it went out, before the update changed the description.
    expect(first).toContain('Short brown hair, red jacket');
    expect(first).not.toContain('Blue jacket');
    expect(second).toContain('Blue jacket');
  });
});

describe('the waits of an update', () => {
  test('an update that nobody decides in time times out; the alert goes on waiting for its resolution', async () => {
    const { deps, alert } = activeWithDeliveries();
    await submitUpdate(deps, officer(), alert.id, { changes: { vehicle: { plate: 'ZZ999ZZ' } } });
    deps.clock.advance(30 * 60_000);
    await updateTimedOut(deps, alert.id);
    const stored = deps.alerts.stored(alert.id);
    expect(stored.status).toBe('ACTIVE');
    expect(stored.updateRequest?.state).toBe('TIMED_OUT');
    expect(stored.vehicle?.plate).toBe(alert.vehicle?.plate);
    expect(stored.history.at(-1)).toMatchObject({ action: 'UPDATE_TIMEOUT', actor: { sub: 'system' } });
    expect(nextStep(stored, deps.clock.now()).next).toBe('AWAIT_RESOLUTION');
  });

  test('when the alert expires first, the update is dropped and the alert expires', async () => {
    const { deps, alert } = activeWithDeliveries({ expiresAt: '2024-05-01T10:10:00.000Z' });
    await submitUpdate(deps, officer(), alert.id, { changes: { vehicle: { plate: 'ZZ999ZZ' } } });
    expect(nextStep(deps.alerts.stored(alert.id), deps.clock.now()).timeoutSeconds).toBe(600);
    deps.clock.advance(10 * 60_000);
    await updateTimedOut(deps, alert.id);
    const stored = deps.alerts.stored(alert.id);
    expect(stored.status).toBe('EXPIRED');
    expect(stored.updateRequest?.state).toBe('TIMED_OUT');
  });

  test('a decision that lands before the wait parks its token is not lost: the wait wakes itself', async () => {
    const { deps, alert } = activeWithDeliveries();
    await submitUpdate(deps, officer(), alert.id, { changes: { vehicle: { plate: 'ZZ999ZZ' } } });
    // Route said AWAIT_UPDATE_APPROVAL; the supervisor approves before the wait stores its token.
    await decideUpdate(deps, supervisor(), alert.id, 2, { decision: 'APPROVE' });
    await awaitChange(deps, alert.id, 'ACTIVE', 'token-late', 'AWAIT_UPDATE_APPROVAL');
    expect(deps.workflow.woken).toContain('token-late');
  });

  test('a wait whose route still holds stays parked', async () => {
    const { deps, alert } = activeWithDeliveries();
    await awaitChange(deps, alert.id, 'ACTIVE', 'token-parked', 'AWAIT_RESOLUTION');
    expect(deps.workflow.woken).toEqual([]);
    expect(deps.alerts.stored(alert.id).waitToken).toBe('token-parked');
  });
});
