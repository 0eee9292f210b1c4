import '../../support/env';
import { broadcastHarness } from '../../../../bench/broadcast/harness';
import type { Delivery, DeliveryRepository } from '../../../../lambdas/ports/delivery-repository';
import type { SmsMessage } from '../../../../lambdas/ports/sms-sender';
import { finishBroadcast } from '../../../../lambdas/use-cases/broadcast/finish-broadcast';
import { type BroadcastMessage, messageKey } from '../../../../lambdas/use-cases/broadcast/messages';
import { planBroadcast } from '../../../../lambdas/use-cases/broadcast/plan-broadcast';
import { sendConcurrency } from '../../../../lambdas/use-cases/broadcast/send-deliveries';
import { sendShard } from '../../../../lambdas/use-cases/broadcast/send-shard';
import { resolveAlert } from '../../../../lambdas/use-cases/resolve-alert';
import { officer } from '../../support/builders';
import { FakeSmsSender, FakeWorkflowEngine } from '../../support/fakes';

const COUNTIES = ['AL-11', 'AL-02'];
/** One shard, 10 sends in flight at most: small enough that stopping shows. */
const QUOTA = 20;

/** The SMS gateway that lets the officer resolve the alert right after its `after`-th ALERT SMS. */
class ResolvingGateway extends FakeSmsSender {
  resolveAfter: { count: number; resolve: () => Promise<void> } | undefined;
  sentBeforeResolution = -1;

  override async send(message: SmsMessage) {
    const result = await super.send(message);
    const trigger = this.resolveAfter;
    if (trigger && message.kind === 'ALERT' && this.sent.length === trigger.count) {
      this.resolveAfter = undefined;
      this.sentBeforeResolution = this.sent.length;
      await trigger.resolve();
    }
    return result;
  }
}

async function allRecords(deliveries: DeliveryRepository, key: string): Promise<Delivery[]> {
  const records: Delivery[] = [];
  let cursor: string | undefined;
  do {
    const page = await deliveries.page(key, cursor);
    records.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return records;
}

async function setup() {
  const sms = new ResolvingGateway();
  const harness = await broadcastHarness(
    { subscribers: 500, quotaPerSecond: QUOTA, counties: COUNTIES },
    sms,
  );
  const deps = { ...harness.deps, workflow: new FakeWorkflowEngine() };
  const resolve = () => resolveAlert(deps, officer(), harness.alert.id, { outcome: 'FOUND' }).then(() => {});
  const expected = harness.registry.expected(COUNTIES).size;
  return { ...harness, deps, sms, resolve, expected };
}

/** The limiter on simulated time: the pace is not under test here, and the runs take no real seconds. */
function simulatedPacing() {
  let at = 0;
  return {
    now: () => at,
    sleep: async (ms: number) => {
      at += ms;
    },
  };
}
const RUN = { stillDueEveryMs: 0, passPauseMs: 0, pacing: simulatedPacing() };

/** What the workflow runs for one message: the plan, every shard until done, the finish. */
async function fanOut(
  deps: Awaited<ReturnType<typeof setup>>['deps'],
  alertId: string,
  message: BroadcastMessage,
) {
  const plan = await planBroadcast(deps, alertId, message);
  for (const shard of plan.shards) {
    while (!(await sendShard(deps, { alertId, message, ...shard }, RUN)).done);
  }
  await finishBroadcast(deps, alertId, message);
  return plan;
}

describe('an alert resolved while its broadcast runs', () => {
  test('the shard stops claiming; the cancellation goes to exactly the phones reached, after the last ALERT SMS', async () => {
    const { deps, alert, sms, resolve, expected } = await setup();
    expect(expected).toBeGreaterThan(100);
    sms.resolveAfter = { count: 15, resolve };

    await fanOut(deps, alert.id, 'ALERT');
    const alertSms = sms.sent.filter((m) => m.kind === 'ALERT');
    // Only the sends already in flight when the status was seen went out after it.
    expect(sms.sentBeforeResolution).toBe(15);
    expect(alertSms.length - 15).toBeLessThanOrEqual(sendConcurrency(QUOTA));
    expect(alertSms.length).toBeLessThan(expected);

    const records = await allRecords(deps.deliveries, messageKey(alert.id, 'ALERT'));
    const reached = records.filter((r) => r.status === 'SENT' || r.status === 'SENDING').map((r) => r.phone);
    expect(reached.sort()).toEqual(alertSms.map((m) => m.to).sort());
    // Never claimed: still PENDING, never sent.
    expect(records.filter((r) => r.status === 'PENDING')).toHaveLength(expected - alertSms.length);

    // The finish records what went out and leaves the alert RESOLVED.
    const stored = deps.alerts.stored(alert.id);
    expect(stored.status).toBe('RESOLVED');
    expect(stored.history.map((h) => h.action)).not.toContain('ACTIVATE');
    expect(stored.broadcast).toMatchObject({ recipients: expected, sent: alertSms.length, failed: 0 });
    expect(stored.broadcast.finishedAt).toBeDefined();

    // Route's next step: the cancellation, to exactly those phones, and never an ALERT after it.
    const firstCancellation = sms.sent.length;
    await fanOut(deps, alert.id, 'CANCELLATION');
    const cancelled = sms.sent.slice(firstCancellation);
    expect(cancelled.every((m) => m.kind === 'CANCELLATION')).toBe(true);
    expect(cancelled.map((m) => m.to).sort()).toEqual(alertSms.map((m) => m.to).sort());
    expect(deps.alerts.stored(alert.id)).toMatchObject({ cancellationSentAt: expect.any(String) });
    expect(deps.alerts.stored(alert.id).messages?.map((m) => m.kind)).toEqual(['ALERT', 'CANCELLATION']);

    // A late re-run of the shard (a redelivery) sends nothing more.
    await sendShard(deps, { alertId: alert.id, message: 'ALERT', shard: 0, of: 1 }, RUN);
    expect(sms.sent).toHaveLength(firstCancellation + cancelled.length);
  });

  test('resolved before planning: nothing planned or sent, no public cancellation', async () => {
    const { deps, alert, sms, resolve } = await setup();
    await resolve();
    const plan = await fanOut(deps, alert.id, 'ALERT');
    expect(plan.shards).toEqual([]);
    expect(await allRecords(deps.deliveries, messageKey(alert.id, 'ALERT'))).toEqual([]);
    await fanOut(deps, alert.id, 'CANCELLATION');
    expect(sms.attempts).toEqual([]);
    const stored = deps.alerts.stored(alert.id);
    expect(stored).toMatchObject({ status: 'RESOLVED', cancellation: { recipients: 0, sent: 0 } });
    expect(stored.cancellationSentAt).toBeDefined();
    // Never public: no CAP message of any kind.
    expect(stored.messages ?? []).toEqual([]);
  });

  test('resolved between the finish reading the alert and activating it: figures recorded, still RESOLVED', async () => {
    const { deps, alert, sms, resolve, expected } = await setup();
    const plan = await planBroadcast(deps, alert.id, 'ALERT');
    for (const shard of plan.shards)
      await sendShard(deps, { alertId: alert.id, message: 'ALERT', ...shard }, RUN);
    const transition = deps.alerts.transition.bind(deps.alerts);
    deps.alerts.transition = async (request) => {
      if (request.to === 'ACTIVE') await resolve();
      return transition(request);
    };
    await expect(finishBroadcast(deps, alert.id, 'ALERT')).resolves.toEqual({ done: true });
    expect(deps.alerts.stored(alert.id)).toMatchObject({
      status: 'RESOLVED',
      broadcast: { sent: expected, finishedAt: expect.any(String) },
    });
    expect(sms.sent).toHaveLength(expected);
  });
});

describe('progress written by parallel shards', () => {
  test('a stale sum never moves the figures backwards (sent or failed)', async () => {
    const { deps, alert } = await setup();
    const summary = (sent: number, failed: number) => ({ recipients: 100, sent, failed });
    expect(await deps.alerts.recordProgress(alert.id, 'broadcast', summary(40, 2))).toBe(true);
    // A shard that read the ledger before another one's report lands later with a smaller sum.
    expect(await deps.alerts.recordProgress(alert.id, 'broadcast', summary(30, 2))).toBe(false);
    expect(await deps.alerts.recordProgress(alert.id, 'broadcast', summary(45, 1))).toBe(false);
    expect(deps.alerts.stored(alert.id).broadcast).toMatchObject({ sent: 40, failed: 2 });
    expect(await deps.alerts.recordProgress(alert.id, 'broadcast', summary(41, 2))).toBe(true);
    expect(deps.alerts.stored(alert.id).broadcast).toMatchObject({ sent: 41, failed: 2 });
  });

  test('the shard reports through the guarded write: a lower re-count of a later pass is refused', async () => {
    const { deps, alert, expected } = await setup();
    const plan = await planBroadcast(deps, alert.id, 'ALERT');
    const [shard] = plan.shards;
    if (!shard) throw new Error('no shard');
    // Another shard's newer, higher sum is already stored.
    await deps.alerts.recordProgress(alert.id, 'broadcast', {
      recipients: expected,
      sent: expected + 5,
      failed: 0,
    });
    await sendShard(deps, { alertId: alert.id, message: 'ALERT', ...shard }, RUN);
    expect(deps.alerts.stored(alert.id).broadcast.sent).toBe(expected + 5);
  });
});
