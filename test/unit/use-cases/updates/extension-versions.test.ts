import '../../support/env';
import type { Alert } from '../../../../lambdas/domain/alert';
import { ConflictError } from '../../../../lambdas/domain/errors';
import { capMessageOf } from '../../../../lambdas/domain/public/cap-history';
import { broadcastMessage } from '../../../../lambdas/use-cases/broadcast/broadcast-message';
import { resolveAlert } from '../../../../lambdas/use-cases/resolve-alert';
import { decideUpdate } from '../../../../lambdas/use-cases/updates/decide-update';
import { extendAlert } from '../../../../lambdas/use-cases/updates/extend-alert';
import { submitUpdate } from '../../../../lambdas/use-cases/updates/submit-update';
import { capReferenceOf, field, infos, validateCap } from '../../cap/cap-xml';
import { anActiveAlert, mobile, officer, supervisor } from '../../support/builders';
import { fakeDependencies } from '../../support/deps';

/**
 * An extension issues a CAP Update (no SMS) with the next version; updates and extensions share one
 * numbering, in issue order, and no two messages of an alert ever share a version, a CAP identifier or a
 * delivery list.
 */

const NOW = '2024-05-01T10:00:00.000Z';
const [sq, en] = [1, 2].map(mobile) as [string, string];
const ALERT_CONTENT = {
  child: anActiveAlert().child,
  lastSeen: anActiveAlert().lastSeen,
  counties: ['AL-11', 'AL-02'],
  expiresAt: '2024-05-02T09:56:00.000Z',
};

function setup(overrides: Partial<Alert> = {}) {
  const deps = fakeDependencies();
  const alert = anActiveAlert({
    suspect: undefined,
    vehicle: undefined,
    messages: [
      {
        kind: 'ALERT',
        version: 1,
        sentAt: '2024-05-01T09:55:30.000Z',
        capIdentifier: 'amber.example.org.x.1',
        content: ALERT_CONTENT,
      },
    ],
    ...overrides,
  });
  deps.alerts.seed({ ...alert, waitToken: 'token-active' });
  const sent = (phone: string, language: string) => ({
    phone,
    language,
    audience: 'PUBLIC' as const,
    status: 'SENT' as const,
    attempts: 1,
  });
  deps.deliveries.seed(`${alert.id}#ALERT`, sent(sq, 'sq'), sent(en, 'en'));
  return { deps, alert };
}

const plate = (p: string) => ({ changes: { vehicle: { plate: p } } });
const versions = (alert: Alert) => (alert.messages ?? []).map((m) => `${m.kind} ${m.version}`);

describe('extendAlert issues a CAP Update', () => {
  test('recorded in the same conditional write as the new expiry: next version, latest content, new expiry', async () => {
    const { deps, alert } = setup();
    const updated = await extendAlert(deps, supervisor(), alert.id, { hours: 12 });

    const write = deps.alerts.transitions.at(-1);
    expect(deps.alerts.transitions).toHaveLength(1);
    expect(write?.set?.expiresAt).toBe('2024-05-02T21:56:00.000Z');
    expect(write?.set?.messages?.at(-1)).toEqual({
      kind: 'EXTENSION',
      version: 2,
      sentAt: NOW,
      capIdentifier: `amber.example.org.${alert.id}.2`,
      content: { ...ALERT_CONTENT, expiresAt: '2024-05-02T21:56:00.000Z' },
      // The same content as the Alert: the same approval stands for it when it is served.
      approval: alert.approvedContent,
    });
    // The write holds only while nothing else was issued and the update request is as read.
    expect(write).toMatchObject({ issuedMessages: 1, updateRequest: { states: ['NONE'] } });
    expect(versions(updated)).toEqual(['ALERT 1', 'EXTENSION 2']);
    expect(updated.history.at(-1)?.reason).toBe('+12 h, until 2024-05-02T21:56:00.000Z, version 2');
    // No SMS and no delivery list: the public already has the alert.
    expect(deps.sms.sent).toEqual([]);
    expect([...deps.deliveries.lists.keys()]).toEqual([`${alert.id}#ALERT`]);
  });

  test('its CAP form is an Update with the new expires, referring to the Alert; both validate', async () => {
    const { deps, alert } = setup();
    const stored = await extendAlert(deps, supervisor(), alert.id, { hours: 12 });
    const [cap1, cap2] = (stored.messages ?? []).map((m) => capMessageOf(stored, m, deps.config));
    const result = await validateCap([cap1 ?? '', cap2 ?? '']);
    expect(result.errors).toEqual([]);
    expect(field(cap2 ?? '', 'msgType')).toBe('Update');
    expect(field(cap2 ?? '', 'sent')).toBe('2024-05-01T12:00:00+02:00');
    const ref1 = capReferenceOf(cap1 ?? '');
    expect(field(cap2 ?? '', 'references')).toBe(`${ref1.sender},${ref1.identifier},${ref1.sent}`);
    expect(infos(cap2 ?? '').map((i) => i.text('expires'))).toEqual([
      '2024-05-02T23:56:00+02:00',
      '2024-05-02T23:56:00+02:00',
    ]);
  });

  test('waits for an update that holds the next version: awaiting approval, or approved and not yet issued', async () => {
    const { deps, alert } = setup();
    await submitUpdate(deps, officer(), alert.id, plate('ZZ999ZZ'));
    const awaiting = await extendAlert(deps, supervisor(), alert.id, { hours: 1 }).catch((e: unknown) => e);
    expect(awaiting).toBeInstanceOf(ConflictError);
    expect((awaiting as ConflictError).message).toMatch(/Update 2 is awaiting approval/);

    await decideUpdate(deps, supervisor(), alert.id, 2, { decision: 'APPROVE' });
    await expect(extendAlert(deps, supervisor(), alert.id, { hours: 1 })).rejects.toThrow(/being issued/);
    expect(versions(deps.alerts.stored(alert.id))).toEqual(['ALERT 1']);

    // Once issued (even while its SMS are still going out) the extension takes the next version.
    const stored = deps.alerts.stored(alert.id);
    const issuedUpdate = {
      kind: 'UPDATE' as const,
      version: 2,
      sentAt: NOW,
      capIdentifier: `amber.example.org.${alert.id}.2`,
      content: ALERT_CONTENT,
    };
    deps.alerts.seed({ ...stored, messages: [...(stored.messages ?? []), issuedUpdate] });
    const extended = await extendAlert(deps, supervisor(), alert.id, { hours: 1 });
    expect(versions(extended)).toEqual(['ALERT 1', 'UPDATE 2', 'EXTENSION 3']);
  });

  test('an update asked for on a read taken before an extension loses the race (409), and the reverse', async () => {
    const first = setup();
    const stale = first.deps.alerts.stored(first.alert.id);
    await extendAlert(first.deps, supervisor(), first.alert.id, { hours: 1 });
    first.deps.alerts.get = async () => stale;
    await expect(submitUpdate(first.deps, officer(), first.alert.id, plate('ZZ999ZZ'))).rejects.toThrow(
      ConflictError,
    );
    expect(first.deps.alerts.stored(first.alert.id).updateRequest).toBeUndefined();

    const second = setup();
    const before = second.deps.alerts.stored(second.alert.id);
    await submitUpdate(second.deps, officer(), second.alert.id, plate('ZZ999ZZ'));
    second.deps.alerts.get = async () => before;
    await expect(extendAlert(second.deps, supervisor(), second.alert.id, { hours: 1 })).rejects.toThrow(
      ConflictError,
    );
    expect(versions(second.deps.alerts.stored(second.alert.id))).toEqual(['ALERT 1']);
  });
});

describe('versions of rejected updates', () => {
  test('are reused: nothing was issued under them, so no delivery list or CAP identifier collides', async () => {
    const { deps, alert } = setup();
    await submitUpdate(deps, officer(), alert.id, plate('AA111AA'));
    await decideUpdate(deps, supervisor(), alert.id, 2, { decision: 'REJECT', reason: 'Wrong plate' });
    // The rejected version left nothing public behind.
    expect(versions(deps.alerts.stored(alert.id))).toEqual(['ALERT 1']);
    expect(deps.deliveries.lists.has(`${alert.id}#UPDATE-2`)).toBe(false);

    // So the next update takes version 2 again, and goes out as UPDATE 2 (no gap for the public).
    const again = await submitUpdate(deps, officer(), alert.id, plate('ZZ999ZZ'));
    expect(again.updateRequest?.version).toBe(2);
    await decideUpdate(deps, supervisor(), alert.id, 2, { decision: 'APPROVE' });
    await broadcastMessage(deps, alert.id, 'UPDATE');
    expect(deps.sms.sentTo(en)[0]?.body).toMatch(/UPDATE 2/);
    expect(deps.sms.sent.map((m) => m.body).join(' ')).not.toContain('AA111AA');
    expect(deps.deliveries.phonesWith(`${alert.id}#UPDATE-2`, 'SENT')).toEqual([sq, en].sort());
  });

  test('a whole life: rejected update, extension, update, extension, cancel: one version each, every CAP valid', async () => {
    const { deps, alert } = setup();
    await submitUpdate(deps, officer(), alert.id, plate('AA111AA'));
    await decideUpdate(deps, supervisor(), alert.id, 2, { decision: 'REJECT', reason: 'Wrong plate' });
    deps.clock.advance(60_000);
    await extendAlert(deps, supervisor(), alert.id, { hours: 6 });
    deps.clock.advance(60_000);
    const update = await submitUpdate(deps, officer(), alert.id, plate('ZZ999ZZ'));
    expect(update.updateRequest?.version).toBe(3);
    await decideUpdate(deps, supervisor(), alert.id, 3, { decision: 'APPROVE' });
    await broadcastMessage(deps, alert.id, 'UPDATE');
    deps.clock.advance(60_000);
    await extendAlert(deps, supervisor(), alert.id, { hours: 6 });
    deps.clock.advance(60_000);
    await resolveAlert(deps, officer(), alert.id, { outcome: 'FOUND' });
    await broadcastMessage(deps, alert.id, 'CANCELLATION');

    const stored = deps.alerts.stored(alert.id);
    expect(versions(stored)).toEqual(['ALERT 1', 'EXTENSION 2', 'UPDATE 3', 'EXTENSION 4', 'CANCELLATION 5']);
    // SMS only for the update and the cancel; one delivery list per message that has any.
    expect(deps.sms.sentTo(en).map((m) => m.kind)).toEqual(['UPDATE', 'CANCELLATION']);
    // Subscribers count the messages they received: the update (CAP version 3) is their UPDATE 2, with no gap
    // for the extension they never got an SMS for; its CMAM texts say the same.
    expect(deps.sms.sentTo(en)[0]?.body).toMatch(/^AMBER ALERT UPDATE 2: /);
    expect(deps.sms.sentTo(sq)[0]?.body).toMatch(/PËRDITËSIMI 2|PERDITESIMI 2/);
    expect([...deps.deliveries.lists.keys()].filter((k) => k.includes('#UPDATE'))).toEqual([
      `${alert.id}#UPDATE-3`,
    ]);
    const caps = (stored.messages ?? []).map((m) => capMessageOf(stored, m, deps.config));
    const result = await validateCap(caps);
    expect(result.errors).toEqual([]);
    expect(new Set(caps.map((c) => field(c, 'identifier'))).size).toBe(5);
    expect(caps.map((c) => field(c, 'msgType'))).toEqual(['Alert', 'Update', 'Update', 'Update', 'Cancel']);
    // Each message refers to every earlier one, oldest first.
    const refs = caps.map((c) => {
      const r = capReferenceOf(c);
      return `${r.sender},${r.identifier},${r.sent}`;
    });
    caps.forEach((cap, i) => {
      expect(field(cap, 'references')).toBe(i === 0 ? undefined : refs.slice(0, i).join(' '));
    });
    // Expiry: 24 h from activation, +6 h, kept by the update, +6 h.
    expect(caps.slice(0, 4).map((c) => infos(c)[0]?.text('expires'))).toEqual([
      '2024-05-02T11:56:00+02:00',
      '2024-05-02T17:56:00+02:00',
      '2024-05-02T17:56:00+02:00',
      '2024-05-02T23:56:00+02:00',
    ]);
  });
});
