import '../../unit/support/env';
import fc from 'fast-check';
import { NotFoundError } from '../../../lambdas/domain/errors';
import { smsTemplatesFor } from '../../../lambdas/domain/sms';
import { broadcastMessage } from '../../../lambdas/use-cases/broadcast/broadcast-message';
import { decideApproval } from '../../../lambdas/use-cases/decide-approval';
import { addDrillRecipient } from '../../../lambdas/use-cases/drill-recipients';
import { getPublicAlert, listPublicAlerts } from '../../../lambdas/use-cases/read-alerts';
import { resolveAlert } from '../../../lambdas/use-cases/resolve-alert';
import { submitAlert } from '../../../lambdas/use-cases/submit-alert';
import { confirmSubscription, subscribe } from '../../../lambdas/use-cases/subscriptions';
import { aSubmission, mobile, officer, supervisor } from '../../unit/support/builders';
import { fakeDependencies } from '../../unit/support/deps';

/**
 * Property: whatever ops, the public and the police do, in any order, an exercise reaches only phones of the
 * drill group, always opens with the exercise marker, and never shows in the public alert list or view.
 *
 * Phones 0–7 may subscribe (confirmed or not); phones 5–11 may join the drill group, so 5–7 can be both.
 */
// Each run broadcasts several alerts: slow on a busy machine.
jest.setTimeout(120_000);

const COUNTIES = ['AL-11', 'AL-10', 'AL-02'] as const;
const counties = fc.subarray([...COUNTIES], { minLength: 1 });

const action = fc.oneof(
  fc.record({
    kind: fc.constant('subscribe' as const),
    phone: fc.integer({ min: 0, max: 7 }),
    counties,
    language: fc.constantFrom('sq', 'en'),
    confirm: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('drill' as const),
    phone: fc.integer({ min: 5, max: 11 }),
    language: fc.constantFrom('sq', 'en'),
  }),
  fc.record({
    kind: fc.constant('alert' as const),
    mode: fc.constantFrom('LIVE' as const, 'EXERCISE' as const),
    counties,
    approve: fc.boolean(),
    resolve: fc.boolean(),
  }),
);

type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

async function run(actions: readonly Action[]) {
  const deps = fakeDependencies();
  // No pacing between SMS: the fake clock does not move while the sender waits.
  deps.config.sms.ratePerSecond = 100_000;
  // Code rate limits are not what this property is about.
  deps.config.subscriptions.codesPerPhonePerHour = 1_000;
  deps.config.subscriptions.codesPerClientPerHour = 100_000;
  const drill = new Set<string>();
  const exercises = new Set<string>();
  let caseNumber = 0;
  for (const step of actions) {
    deps.clock.advance(60_000);
    if (step.kind === 'subscribe') {
      const phone = mobile(step.phone);
      const before = deps.sms.sentTo(phone).length;
      await subscribe(deps, { phone, counties: step.counties, language: step.language });
      const code = deps.sms.sentTo(phone)[before]?.body.match(/\b(\d{6})\b/)?.[1] ?? '';
      if (step.confirm) await confirmSubscription(deps, { phone, code });
    } else if (step.kind === 'drill') {
      const phone = mobile(step.phone);
      await addDrillRecipient(deps, supervisor(), { phone, language: step.language });
      drill.add(phone);
    } else {
      const alert = await submitAlert(
        deps,
        officer(),
        aSubmission({ mode: step.mode, counties: step.counties, caseNumber: `CASE-${caseNumber++}` }),
      );
      if (step.mode === 'EXERCISE') exercises.add(alert.id);
      if (!step.approve) continue;
      await decideApproval(deps, supervisor(), alert.id, { decision: 'APPROVE' });
      await broadcastMessage(deps, alert.id, 'ALERT');
      if (step.mode === 'EXERCISE') {
        // While it is active, the public sees nothing of it.
        expect((await listPublicAlerts(deps)).map((a) => a.id)).not.toContain(alert.id);
        await expect(getPublicAlert(deps, alert.id)).rejects.toBeInstanceOf(NotFoundError);
      }
      if (!step.resolve) continue;
      await resolveAlert(deps, officer(), alert.id, { outcome: 'FOUND' });
      await broadcastMessage(deps, alert.id, 'CANCELLATION');
    }
  }
  return { deps, drill, exercises };
}

describe('exercise isolation (property)', () => {
  test('no generated sequence of actions sends an exercise to anyone outside the drill group', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), async (actions) => {
        const { deps, drill, exercises } = await run(actions);
        for (const sms of deps.sms.sent) {
          if (!sms.alertId || !exercises.has(sms.alertId)) continue;
          expect(drill.has(sms.to)).toBe(true);
          if (sms.kind === 'ALERT') {
            // Full ("USHTRIM - JO ALARM I VËRTETË.", transliterated to GSM-7) or brief ("USHTRIM:") form, in
            // the language the phone had when it was sent.
            const words = deps.config.country.languages.map((l) =>
              smsTemplatesFor(l).exerciseMarker.brief.replace(/:$/, ''),
            );
            expect(words.some((word) => sms.body.startsWith(word))).toBe(true);
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  test('the property can fail: a live alert does reach public subscribers', async () => {
    const { deps } = await run([
      { kind: 'subscribe', phone: 1, counties: ['AL-11'], language: 'sq', confirm: true },
      { kind: 'alert', mode: 'LIVE', counties: ['AL-11'], approve: true, resolve: false },
    ]);
    expect(deps.sms.sent.filter((m) => m.kind === 'ALERT').map((m) => m.to)).toEqual([mobile(1)]);
  });
});
