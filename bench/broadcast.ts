/**
 * Broadcast benchmark: the real planning and sending code (broadcastMessage) against a simulated SMS
 * gateway that enforces the quota, adds latency and throttles a share of sends, at 1,000, 100,000 and
 * 1,000,000 subscribers in several counties and both languages. The delivery and registry tables behave as
 * DynamoDB does (bench/broadcast/dynamo-model.ts: latency, per-partition capacity with throttling, the
 * SDK's sockets and retries); `-- --instant-tables` runs them in memory without it. Run with
 * `npm run bench:broadcast` (`-- --sizes=1000,100000` for fewer sizes).
 */
import './broadcast/quiet';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { broadcastMessage } from '../lambdas/use-cases/broadcast/broadcast-message';
import { shardCountFor } from '../lambdas/use-cases/broadcast/shards';
import { seededRandom } from '../test/unit/support/seeded-random';
import { DynamoModel } from './broadcast/dynamo-model';
import { broadcastHarness } from './broadcast/harness';
import { SimulatedGateway } from './broadcast/sim-gateway';
import { indexOfPhone } from './broadcast/sim-registry';

const RUNS = [
  { subscribers: 1_000, quota: 100 },
  // The same quota, hence the same 8 shards, at 100,000 and 1,000,000: what is in memory at once is the
  // shards' pages and sends in flight, which the quota sets, so equal quotas compare memory across sizes.
  { subscribers: 100_000, quota: 4_000 },
  // 4,000/s: the whole fan-out runs in this one Node thread, which tops out near 7,000 sends/s on a 2-vCPU
  // machine, gateway simulation included. In AWS each shard is a Lambda of its own.
  { subscribers: 1_000_000, quota: 4_000 },
];
const COUNTIES = ['AL-11', 'AL-02', 'AL-12', 'AL-05', 'AL-09', 'AL-01'];
const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
const sizes = sizesArg ? sizesArg.slice(8).split(',').map(Number) : RUNS.map((r) => r.subscribers);
/** `--no-status-check`: shards never re-read the alert's status (the A/B of what that check costs). */
const statusCheck = !process.argv.includes('--no-status-check');
const withDynamo = !process.argv.includes('--instant-tables');
/**
 * The workflow's retry of a failed shard or plan (lib/workflow/alert-workflow.ts, retryOfTaskFailures): two
 * more attempts, 2 s then 4 s later. A run of broadcastMessage that throws (a DynamoDB request still
 * throttled after the SDK's retries) is run again after these pauses, as the state machine would.
 */
const WORKFLOW_RETRY_PAUSES_MS = [2000, 4000];

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** A forced full GC, for retained (live) heap rather than heap with garbage: `--expose-gc`, or enabled here. */
const gc: () => void =
  global.gc ??
  (() => {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  })();
const liveHeap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
/** How often the live heap is sampled during a run: a full GC costs a few ms of the one busy thread. */
const LIVE_SAMPLE_MS = 5000;

async function run(subscribers: number, quota: number) {
  global.gc?.();
  const gateway = new SimulatedGateway(subscribers, {
    quotaPerSecond: quota,
    latencyMs: { min: 20, max: 80 },
    throttleShare: 0.01,
    // Seeded: the same latencies and throttles on every run.
    random: seededRandom(subscribers),
  });
  const dynamo = withDynamo ? new DynamoModel(seededRandom(subscribers + 1)) : undefined;
  const { deps, registry, deliveries, alert } = await broadcastHarness(
    { subscribers, quotaPerSecond: quota, counties: COUNTIES, ...(dynamo ? { dynamo } : {}) },
    gateway,
  );
  const expected = registry.expected(COUNTIES);
  // Everything allocated so far is fixture (registry, simulated table, gateway log): the baseline.
  const fixtureBytes = liveHeap();
  // Every read of the alert after planning is a shard's status check (does the message still have to go out?).
  let statusReads = 0;
  let statusReadMs = 0;
  const get = deps.alerts.get.bind(deps.alerts);
  deps.alerts.get = async (id) => {
    const at = performance.now();
    const alert = await get(id);
    statusReads++;
    statusReadMs += performance.now() - at;
    return alert;
  };
  let peakLive = 0;
  const sampler = setInterval(() => {
    peakLive = Math.max(peakLive, liveHeap() - fixtureBytes);
  }, LIVE_SAMPLE_MS);
  const started = performance.now();
  // The real fan-out: plan, every shard at its share of the quota, finish (broadcastMessage composes them).
  const runOnce = () =>
    broadcastMessage(
      deps,
      alert.id,
      'ALERT',
      statusCheck ? {} : { stillDueEveryMs: Number.POSITIVE_INFINITY },
    );
  let workflowRetries = 0;
  let outcome: Awaited<ReturnType<typeof broadcastMessage>>;
  for (;;) {
    try {
      outcome = await runOnce();
      break;
    } catch (error) {
      const pause = WORKFLOW_RETRY_PAUSES_MS[workflowRetries];
      if (pause === undefined) throw error;
      workflowRetries++;
      await new Promise((r) => setTimeout(r, pause));
    }
  }
  clearInterval(sampler);
  const retained = liveHeap() - fixtureBytes;
  peakLive = Math.max(peakLive, retained);
  let duplicates = 0;
  let missed = 0;
  let stray = 0;
  gateway.received.forEach((count, i) => {
    if (count > 1) duplicates += count - 1;
    if (count > 0 && !expected.has(i)) stray++;
  });
  for (const i of expected) if ((gateway.received[i] ?? 0) === 0) missed++;
  const n = expected.size;
  const sendSeconds = (gateway.lastAt - gateway.firstAt) / 1000;
  const toLast = (gateway.lastAt - started) / 1000;
  const achieved = n > 1 ? (n - 1) / sendSeconds : n;
  const stored = deps.alerts.stored(alert.id);
  const ddb = dynamo?.stats;
  const ddbRequests = ddb ? Object.values(ddb.requests).reduce((a, b) => a + b, 0) : 0;
  const perPhone = (x: number) => (n > 0 ? (x / n).toFixed(2) : '-');
  return {
    subscribers,
    recipients: n,
    quota,
    shards: shardCountFor(quota),
    'achieved/s': Math.round(achieved),
    'rate/quota': `${((achieved / quota) * 100).toFixed(1)}%`,
    // Planning (registry pages, one record per phone, the shard cut) happens before the first SMS.
    'to first SMS s': ((gateway.firstAt - started) / 1000).toFixed(1),
    'to last SMS s': toLast.toFixed(1),
    'bound N/q+5 s': (n / quota + 5).toFixed(1),
    throttled: gateway.throttled,
    'DDB req/phone': ddb ? perPhone(ddbRequests) : '-',
    'RCU/phone': ddb ? perPhone(ddb.rcu) : '-',
    'WCU/phone': ddb ? perPhone(ddb.wcu) : '-',
    'DDB throttled': ddb?.throttled ?? '-',
    'SDK retries': ddb?.sdkRetries ?? '-',
    'DDB errors': ddb?.failed ?? '-',
    'workflow retries': workflowRetries,
    'DDB by op': ddb ? JSON.stringify(ddb.requests) : '-',
    // Plan, finish and each shard's start read the alert too: a handful; the rest are the per-second checks.
    'alert reads': statusReads,
    'alert read ms': Math.round(statusReadMs),
    'peak live heap MB': mb(peakLive),
    'retained heap MB': mb(retained),
    'table MB': mb(deliveries.bytes),
    duplicates,
    missed,
    stray,
    done: outcome.done && stored.status === 'ACTIVE' && stored.broadcast.sent === n,
    key: indexOfPhone('+355690000000'),
  };
}

async function main() {
  const rows = [];
  for (const size of sizes) {
    const spec = RUNS.find((r) => r.subscribers === size) ?? {
      subscribers: size,
      quota: Math.max(100, size / 100),
    };
    const row = await run(spec.subscribers, spec.quota);
    const { key: _key, ...shown } = row;
    console.log(JSON.stringify(shown));
    rows.push(shown);
  }
  console.table(rows);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
