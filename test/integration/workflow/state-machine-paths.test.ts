import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoAlertRepository } from '../../../lambdas/adapters/dynamodb/alert-repository';
import { DynamoDeliveryRepository } from '../../../lambdas/adapters/dynamodb/delivery-repository';
import { DynamoRateLimiter } from '../../../lambdas/adapters/dynamodb/rate-limiter';
import { DynamoSubscriberRepository } from '../../../lambdas/adapters/dynamodb/subscriber-repository';
import { loadConfig, loadResourceNames } from '../../../lambdas/config/config';
import type { Alert } from '../../../lambdas/domain/alert';
import { hashCode } from '../../../lambdas/domain/codes';
import { shardOf } from '../../../lambdas/domain/delivery-shards';
import type { Principal } from '../../../lambdas/domain/identity';
import { buildSchemas } from '../../../lambdas/domain/schemas';
import { createHandler as broadcastHandler } from '../../../lambdas/handlers/workflow/broadcast';
import { createHandler as sendShardHandler } from '../../../lambdas/handlers/workflow/send-shard';
import { createHandler as stepsHandler } from '../../../lambdas/handlers/workflow/steps';
import type { ShardLedger } from '../../../lambdas/ports/delivery-repository';
import type { Dependencies } from '../../../lambdas/ports/dependencies';
import type { ApprovalRequest, BroadcastStarting, Notifier } from '../../../lambdas/ports/notifier';
import { fixedSmsQuota } from '../../../lambdas/ports/sms-quota';
import type { SmsMessage, SmsSender } from '../../../lambdas/ports/sms-sender';
import { decideApproval } from '../../../lambdas/use-cases/decide-approval';
import { resolveAlert } from '../../../lambdas/use-cases/resolve-alert';
import { submitAlert } from '../../../lambdas/use-cases/submit-alert';
import { LOCAL_FUNCTION_NAMES, renderAlertWorkflowAsl } from '../../../lib/workflow/render-asl';
import { LocalContentSigner } from '../../../local/content-signer';
import { LOCAL_AWS, type LocalDynamo, startDynalite } from '../../../local/dynamo';
import { sampleSubmission } from '../../../local/sample-alert';
import { LocalWorkflowEngine } from '../../../local/workflow-engine';
import { eventually } from '../support/eventually';
import { lambdaContext } from '../support/lambda-context';

/**
 * Every path of the state machine, on the ASL rendered from the CDK construct, executed by
 * aws-local-stepfunctions with the real workflow handlers over dynalite.
 */
jest.setTimeout(60_000);

const officer: Principal = {
  sub: 'o-1',
  username: 'officer.tirana',
  groups: ['officers'],
  directorate: 'AL-11',
};
const supervisor: Principal = {
  sub: 's-1',
  username: 'supervisor.tirana',
  groups: ['supervisors'],
  directorate: 'AL-11',
};

class RecordingSms implements SmsSender {
  readonly sent: SmsMessage[] = [];
  async send(message: SmsMessage) {
    this.sent.push(message);
    return {};
  }
}
class RecordingNotifier implements Notifier {
  readonly requests: ApprovalRequest[] = [];
  readonly withdrawals: ApprovalRequest[] = [];
  readonly pages: BroadcastStarting[] = [];
  async approvalRequested(request: ApprovalRequest) {
    this.requests.push(request);
  }
  async approvalWithdrawn(request: ApprovalRequest) {
    this.withdrawals.push(request);
  }
  async broadcastStarting(event: BroadcastStarting) {
    this.pages.push(event);
  }
}

describe('alert workflow on the rendered ASL', () => {
  let dataDir: string;
  let dynamo: LocalDynamo;
  let doc: DynamoDBDocumentClient;
  let signer: LocalContentSigner;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'amber-sfn-'));
    dynamo = await startDynalite({ dataDir });
    signer = await LocalContentSigner.open(dataDir);
    doc = DynamoDBDocumentClient.from(new DynamoDBClient({ ...LOCAL_AWS, endpoint: dynamo.endpoint }), {
      marshallOptions: { removeUndefinedValues: true },
    });
    for (const [phone, counties] of [
      ['+355691230001', ['AL-11']],
      ['+355691230002', ['AL-11', 'AL-02']],
      ['+355691230003', ['AL-05']],
    ] as const) {
      await confirmSubscriber(phone, [...counties], 'sq');
    }
  });

  /** A subscriber who asked for a code and confirmed it, as the subscription handlers leave one. */
  async function confirmSubscriber(phone: string, counties: string[], language: string): Promise<void> {
    const subscribers = new DynamoSubscriberRepository(doc, loadResourceNames().subscribersTable);
    const codeHash = hashCode(phone, '123456');
    const now = new Date().toISOString();
    await subscribers.putPending(
      phone,
      { codeHash, expiresAt: '2999-01-01T00:00:00Z', attempts: 0, counties, language },
      now,
    );
    await subscribers.activate(phone, codeHash, now);
  }

  afterAll(async () => {
    await dynamo.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function platform(env: Record<string, string> = {}, overrides: Partial<Dependencies> = {}) {
    const config = loadConfig({ AMBER_TIME_SCALE: '3600', AMBER_APPROVAL_TIMEOUT_MINUTES: '600', ...env });
    const names = loadResourceNames();
    const sms = new RecordingSms();
    const notifier = new RecordingNotifier();
    const deps = {
      config,
      clock: { now: () => new Date() },
      alerts: new DynamoAlertRepository(doc, names.alertsTable),
      subscribers: new DynamoSubscriberRepository(doc, names.subscribersTable),
      deliveries: new DynamoDeliveryRepository(doc, names.deliveriesTable),
      rateLimiter: new DynamoRateLimiter(doc, names.subscribersTable, async () => new Uint8Array(32)),
      sms,
      notifier,
      signer,
      smsQuota: fixedSmsQuota(config.sms.ratePerSecond),
      ...overrides,
    } satisfies Omit<Dependencies, 'workflow'>;
    const functions: Record<string, (payload: unknown) => Promise<unknown>> = {};
    const engine = new LocalWorkflowEngine({
      definition: renderAlertWorkflowAsl(),
      invoke: (name, payload) => {
        const fn = functions[name];
        if (!fn) throw new Error(`No function ${name}`);
        return fn(payload);
      },
      retryIntervalOverrides: {
        Broadcast: 0,
        SendBroadcastShard: 0,
        FinishBroadcast: 0,
        SendCancellation: 0,
        SendCancellationShard: 0,
        FinishSendCancellation: 0,
        Route: 0,
        MarkFailed: 0,
      },
    });
    const full: Dependencies = { ...deps, workflow: engine };
    const steps = stepsHandler(full);
    const broadcast = broadcastHandler(full);
    functions[LOCAL_FUNCTION_NAMES.steps] = (p) => steps(p, lambdaContext());
    functions[LOCAL_FUNCTION_NAMES.broadcast] = (p) => broadcast(p, lambdaContext());
    const sendShard = sendShardHandler(full);
    functions[LOCAL_FUNCTION_NAMES.sendShard] = (p) => sendShard(p, lambdaContext());
    const { submission } = buildSchemas(config);
    const submit = (overridesForAlert: Record<string, unknown> = {}) =>
      submitAlert(full, officer, submission.parse(sampleSubmission(overridesForAlert)));
    const status = async (id: string) => (await full.alerts.get(id))?.status;
    const until = (id: string, accept: (a: Alert) => boolean, ms = 15_000) =>
      eventually(
        async () => (await full.alerts.get(id)) as Alert,
        (a) => a !== undefined && accept(a),
        ms,
      );
    return { deps: full, engine, sms, notifier, submit, status, until };
  }

  test('approve → broadcast → ACTIVE → resolve → cancellation to exactly the same phones', async () => {
    const p = platform();
    const alert = await p.submit({ counties: ['AL-11', 'AL-02'] });
    const outcome = p.engine.outcome(alert.id);
    await eventually(
      async () => p.notifier.requests.filter((r) => r.alertId === alert.id),
      (r) => r.length === 1,
    );
    await decideApproval(p.deps, supervisor, alert.id, { decision: 'APPROVE' });
    const active = await p.until(alert.id, (a) => a.status === 'ACTIVE');
    expect(active.broadcast).toMatchObject({ recipients: 2, sent: 2, failed: 0 });
    const alertPhones = p.sms.sent
      .filter((m) => m.kind === 'ALERT')
      .map((m) => m.to)
      .sort();
    expect(alertPhones).toEqual(['+355691230001', '+355691230002']);

    await resolveAlert(p.deps, officer, alert.id, { outcome: 'FOUND' });
    await p.until(alert.id, (a) => a.cancellationSentAt !== undefined);
    const cancelled = p.sms.sent
      .filter((m) => m.kind === 'CANCELLATION')
      .map((m) => m.to)
      .sort();
    expect(cancelled).toEqual(alertPhones);
    expect(await outcome).toEqual({ status: 'SUCCEEDED' });
    expect(await p.status(alert.id)).toBe('RESOLVED');
    expect(p.notifier.requests).toHaveLength(1);
  });

  test('a quota of 1,500/s fans out to 3 shards: each phone once, progress summed, cancellation to the same phones', async () => {
    const phones = Array.from({ length: 7 }, (_, i) => `+35569124000${i}`);
    for (const phone of phones) await confirmSubscriber(phone, ['AL-09'], 'en');
    const p = platform({ AMBER_SMS_RATE_PER_SECOND: '1500' });
    const ledger = p.deps.deliveries.shards as ShardLedger;
    const layouts: number[] = [];
    const saveLayout = ledger.saveLayout.bind(ledger);
    ledger.saveLayout = async (key, shards) => {
      const saved = await saveLayout(key, shards);
      layouts.push(saved);
      return saved;
    };
    const alert = await p.submit({ counties: ['AL-09'] });
    const outcome = p.engine.outcome(alert.id);
    await eventually(
      async () => p.notifier.requests.filter((r) => r.alertId === alert.id),
      (r) => r.length === 1,
    );
    await decideApproval(p.deps, supervisor, alert.id, { decision: 'APPROVE' });
    const active = await p.until(alert.id, (a) => a.status === 'ACTIVE');
    expect(active.broadcast).toMatchObject({ recipients: 7, sent: 7, failed: 0, pending: 0 });
    const sentTo = p.sms.sent.filter((m) => m.kind === 'ALERT').map((m) => m.to);
    expect(sentTo.sort()).toEqual(phones);
    // Three shards, each its own partition of the deliveries table: every phone's record is in the partition
    // of its shard (the workflow's state carries shard numbers only, never phones).
    expect(layouts).toEqual([3]);
    for (const phone of phones) {
      const stored = await doc.send(
        new GetCommand({
          TableName: loadResourceNames().deliveriesTable,
          Key: { messageKey: `${alert.id}#ALERT#P${shardOf(phone, 3)}`, phone },
        }),
      );
      expect(stored.Item).toMatchObject({ status: 'SENT' });
    }
    await resolveAlert(p.deps, officer, alert.id, { outcome: 'FOUND' });
    await p.until(alert.id, (a) => a.cancellationSentAt !== undefined);
    const cancelled = p.sms.sent.filter((m) => m.kind === 'CANCELLATION').map((m) => m.to);
    expect(cancelled.sort()).toEqual(phones);
    expect(layouts).toHaveLength(2);
    expect(await outcome).toEqual({ status: 'SUCCEEDED' });
  });

  test('resolved during broadcast → cancellation to exactly the recipients reached, no ALERT SMS after', async () => {
    const phones = Array.from({ length: 40 }, (_, i) => `+3556912500${String(i).padStart(2, '0')}`);
    for (const phone of phones) await confirmSubscriber(phone, ['AL-08'], 'sq');
    // 4 SMS/s: the 40 phones would take ~10 s, the officer resolves after the 5th.
    const p = platform({ AMBER_SMS_RATE_PER_SECOND: '4' });
    const alert = await p.submit({ counties: ['AL-08'] });
    const outcome = p.engine.outcome(alert.id);
    await eventually(
      async () => p.notifier.requests.filter((r) => r.alertId === alert.id),
      (r) => r.length === 1,
    );
    await decideApproval(p.deps, supervisor, alert.id, { decision: 'APPROVE' });
    const alertSms = () => p.sms.sent.filter((m) => m.kind === 'ALERT');
    await eventually(
      async () => alertSms().length,
      (n) => n >= 5,
    );
    await resolveAlert(p.deps, officer, alert.id, { outcome: 'FOUND' });
    const resolved = await p.until(alert.id, (a) => a.cancellationSentAt !== undefined, 30_000);
    expect(await outcome).toEqual({ status: 'SUCCEEDED' });

    const reached = alertSms().map((m) => m.to);
    expect(reached.length).toBeLessThan(phones.length);
    const cancelled = p.sms.sent.filter((m) => m.kind === 'CANCELLATION').map((m) => m.to);
    expect([...cancelled].sort()).toEqual([...reached].sort());
    // Every ALERT SMS left before the first cancellation.
    const lastAlert = p.sms.sent.map((m) => m.kind).lastIndexOf('ALERT');
    const firstCancellation = p.sms.sent.findIndex((m) => m.kind === 'CANCELLATION');
    expect(lastAlert).toBeLessThan(firstCancellation);
    // Never activated: the finish recorded what went out and left the resolution standing.
    expect(resolved.status).toBe('RESOLVED');
    expect(resolved.history.map((h) => h.action)).toEqual([
      'SUBMIT',
      'APPROVE',
      'RESOLVE',
      'CANCELLATION_SENT',
    ]);
    expect(resolved.history.find((h) => h.action === 'RESOLVE')?.from).toBe('APPROVED');
    expect(resolved.broadcast).toMatchObject({
      sent: reached.length,
      failed: 0,
      finishedAt: expect.any(String),
    });
    expect(resolved.cancellation).toMatchObject({ recipients: reached.length, sent: reached.length });
  });

  test('withdrawn while pending approval → RESOLVED, nothing sent, a later approval is 409', async () => {
    const p = platform();
    const alert = await p.submit({ counties: ['AL-11'] });
    const outcome = p.engine.outcome(alert.id);
    await eventually(
      async () => p.notifier.requests.filter((r) => r.alertId === alert.id),
      (r) => r.length === 1,
    );
    await resolveAlert(p.deps, officer, alert.id, { outcome: 'FOUND' });
    expect(await outcome).toEqual({ status: 'SUCCEEDED' });
    const withdrawn = (await p.deps.alerts.get(alert.id)) as Alert;
    expect(withdrawn).toMatchObject({ status: 'RESOLVED', cancellation: { recipients: 0, sent: 0 } });
    expect(withdrawn.history.map((h) => [h.action, h.from, h.to])).toEqual([
      ['SUBMIT', null, 'PENDING_APPROVAL'],
      ['RESOLVE', 'PENDING_APPROVAL', 'RESOLVED'],
      ['CANCELLATION_SENT', 'RESOLVED', 'RESOLVED'],
    ]);
    // Never public: no CAP message, and no SMS of any kind.
    expect(withdrawn.messages ?? []).toEqual([]);
    expect(p.sms.sent.filter((m) => m.alertId === alert.id)).toEqual([]);
    // The supervisors who were asked to approve it are told it was withdrawn, once.
    expect(p.notifier.withdrawals.filter((w) => w.alertId === alert.id)).toEqual([
      { alertId: alert.id, directorate: alert.directorate, counties: ['AL-11'], mode: 'LIVE' },
    ]);
    await expect(decideApproval(p.deps, supervisor, alert.id, { decision: 'APPROVE' })).rejects.toThrow(
      'Alert is RESOLVED, no longer pending approval',
    );
  });

  test('reject → REJECTED, nothing sent', async () => {
    const p = platform();
    const alert = await p.submit();
    await eventually(
      async () => p.notifier.requests.length,
      (n) => n === 1,
    );
    await decideApproval(p.deps, supervisor, alert.id, { decision: 'REJECT', reason: 'Not an abduction' });
    expect(await p.engine.outcome(alert.id)).toEqual({ status: 'SUCCEEDED' });
    expect(await p.status(alert.id)).toBe('REJECTED');
    expect(p.sms.sent).toEqual([]);
  });

  test('no decision before the approval timeout → APPROVAL_TIMED_OUT, nothing sent', async () => {
    // 60 minutes at a time scale of 3600: one second.
    const p = platform({ AMBER_APPROVAL_TIMEOUT_MINUTES: '60' });
    const alert = await p.submit();
    expect(await p.engine.outcome(alert.id)).toEqual({ status: 'SUCCEEDED' });
    const timedOut = (await p.deps.alerts.get(alert.id)) as Alert;
    expect(timedOut.status).toBe('APPROVAL_TIMED_OUT');
    expect(timedOut.history.map((h) => h.action)).toEqual(['SUBMIT', 'APPROVAL_TIMEOUT']);
    await expect(decideApproval(p.deps, supervisor, alert.id, { decision: 'APPROVE' })).rejects.toThrow(
      /no longer pending approval/,
    );
    expect(p.sms.sent).toEqual([]);
  });

  test('an active alert with nobody resolving it → EXPIRED, no SMS after the alert', async () => {
    const p = platform();
    const alert = await p.submit({ durationHours: 1, counties: ['AL-05'] });
    await eventually(
      async () => p.notifier.requests.length,
      (n) => n === 1,
    );
    await decideApproval(p.deps, supervisor, alert.id, { decision: 'APPROVE' });
    expect(await p.engine.outcome(alert.id)).toEqual({ status: 'SUCCEEDED' });
    const expired = (await p.deps.alerts.get(alert.id)) as Alert;
    expect(expired.status).toBe('EXPIRED');
    expect(expired.resolvedAt).toBeUndefined();
    expect(p.sms.sent.map((m) => m.kind)).toEqual(['ALERT']);
  });

  test('a failing step is caught: the alert goes to FAILED and the execution fails', async () => {
    const names = loadResourceNames();
    const deliveries = new DynamoDeliveryRepository(doc, names.deliveriesTable);
    deliveries.plan = async () => {
      throw new Error('simulated storage outage');
    };
    const p = platform({}, { deliveries });
    const alert = await p.submit();
    await eventually(
      async () => p.notifier.requests.length,
      (n) => n === 1,
    );
    await decideApproval(p.deps, supervisor, alert.id, { decision: 'APPROVE' });
    expect(await p.engine.outcome(alert.id)).toMatchObject({ status: 'FAILED' });
    const failed = (await p.deps.alerts.get(alert.id)) as Alert;
    expect(failed.status).toBe('FAILED');
    expect(failed.history.at(-1)).toMatchObject({ action: 'FAIL', from: 'APPROVED', to: 'FAILED' });
    expect(p.sms.sent).toEqual([]);
  });
});
