/**
 * A flood of tips on one active alert, on the local platform (`npm run bench:tips`): TIPS_RATE requests a
 * second (default 200) for TIPS_SECONDS (default 30), sent on schedule whatever the answers (an open loop,
 * as the public would), a share TIPS_REPEAT (default 0.2) of them repeating an earlier request with the same
 * Idempotency-Key and body, TIPS_URGENT (default 0.05) of them `seenNow`. Prints p50/p99 latency, tips
 * stored, duplicates (stored tips beyond the distinct requests answered 201, or a key answered with two
 * references) and tips lost (a reference answered 201 that is not in the table). A request answered 5xx
 * (the function's 10 s timeout on an overloaded machine) is sent again with the same key, as a client should.
 *
 * The platform runs with the public flood limit and the tips' rate limits lifted: the bench measures the
 * storage path, not the refusals.
 */
import { cpus, loadavg } from 'node:os';
import { sampleSubmission } from '../local/sample-alert';
import { approvalRequested, percentile, startLocalRun } from './local/run';

const rate = Number(process.env.TIPS_RATE ?? 200);
const seconds = Number(process.env.TIPS_SECONDS ?? 30);
const repeatShare = Number(process.env.TIPS_REPEAT ?? 0.2);
const urgentShare = Number(process.env.TIPS_URGENT ?? 0.05);
const MAX_ATTEMPTS = 3;
const RETRY_PAUSE_MS = 500;

interface Sent {
  key: string;
  body: Record<string, unknown>;
}

async function main(): Promise<void> {
  const run = await startLocalRun({
    AMBER_TIME_SCALE: '60',
    AMBER_PUBLIC_RATE_PER_SECOND: '0',
    AMBER_TIPS_PER_CLIENT_PER_HOUR: '1000000',
    AMBER_TIPS_PER_ALERT_PER_MINUTE: '10000000',
  });
  try {
    const { api, platform } = run;
    const submitted = await api.request('POST', '/alerts', {
      as: 'officer.tirana',
      body: sampleSubmission({ counties: ['AL-11'] }),
    });
    const alertId = submitted.body.id as string;
    await approvalRequested(run, alertId);
    await api.request('POST', `/alerts/${alertId}/approval`, {
      as: 'supervisor.tirana',
      body: { decision: 'APPROVE' },
    });
    await api.waitForAlert(alertId, 'officer.tirana', (a) => a.status === 'ACTIVE');

    const url = `${platform.url}/public/alerts/${alertId}/tips`;
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const referencesByKey = new Map<string, Set<string>>();
    const sentOnce: Sent[] = [];
    let repeats = 0;
    let failures = 0;
    let retries = 0;

    /** What a careful client does: on a 5xx or a dropped connection, the same request again, same key. */
    const send = async (request: Sent): Promise<void> => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        if (attempt > 0) {
          retries++;
          await new Promise((r) => setTimeout(r, RETRY_PAUSE_MS * attempt));
        }
        const started = performance.now();
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': request.key },
            body: JSON.stringify(request.body),
          });
          const answer = (await response.json()) as { reference?: string };
          latencies.push(performance.now() - started);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status === 201 && answer.reference) {
            const refs = referencesByKey.get(request.key) ?? new Set<string>();
            refs.add(answer.reference);
            referencesByKey.set(request.key, refs);
            return;
          }
          if (response.status < 500) return;
        } catch {
          failures++;
        }
      }
    };

    const total = Math.round(rate * seconds);
    const inFlight: Promise<void>[] = [];
    const load = { before: loadavg()[0] ?? 0 };
    const startedAt = performance.now();
    for (let i = 0; i < total; i++) {
      // On schedule: request i leaves at i / rate seconds, however long the earlier ones take.
      const due = startedAt + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const previous =
        sentOnce.length > 0 && Math.random() < repeatShare
          ? sentOnce[Math.floor(Math.random() * sentOnce.length)]
          : undefined;
      let request: Sent;
      if (previous) {
        repeats++;
        request = previous;
      } else {
        request = {
          key: `bench-${i}-${Math.random().toString(36).slice(2, 10)}`,
          body: {
            message: `Bench tip ${i}: a boy in a red jacket near the station`,
            seenNow: Math.random() < urgentShare,
            place: 'Tiranë',
          },
        };
        sentOnce.push(request);
      }
      inFlight.push(send(request));
    }
    await Promise.all(inFlight);
    const elapsed = (performance.now() - startedAt) / 1000;
    const load1 = loadavg()[0] ?? 0;

    const stored = await platform.tips.all(alertId);
    const storedRefs = new Set(stored.map((t) => t.reference));
    const answered = new Set([...referencesByKey.values()].flatMap((refs) => [...refs]));
    // Every distinct request has a message of its own: two stored tips with one message are a duplicate,
    // and so is one key answered with two references.
    const perMessage = new Map<string, number>();
    for (const t of stored) perMessage.set(t.message, (perMessage.get(t.message) ?? 0) + 1);
    const duplicates =
      [...perMessage.values()].reduce((sum, n) => sum + n - 1, 0) +
      [...referencesByKey.values()].filter((refs) => refs.size > 1).length;
    const lost = [...answered].filter((ref) => !storedRefs.has(ref)).length;
    const unanswered = sentOnce.filter((r) => !referencesByKey.has(r.key)).length;
    const notices = platform.notifications
      .list({ to: 'supervisor.tirana' })
      .filter((n) => n.kind === 'URGENT_TIPS' && n.alertId === alertId);

    const round = (ms: number) => Math.round(ms * 10) / 10;
    console.log(
      JSON.stringify(
        {
          bench: 'tips',
          date: new Date().toISOString(),
          machine: {
            cpus: cpus().length,
            model: cpus()[0]?.model,
            loadAverage1m: { before: load.before, after: load1 },
          },
          rate,
          seconds,
          elapsedSeconds: Math.round(elapsed * 10) / 10,
          requests: total,
          repeatedKeys: repeats,
          distinctRequests: sentOnce.length,
          statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
          networkFailures: failures,
          retries,
          distinctRequestsWithout201: unanswered,
          latencyMs: {
            p50: round(percentile(latencies, 50)),
            p99: round(percentile(latencies, 99)),
            max: round(Math.max(...latencies)),
          },
          tipsStored: stored.length,
          duplicates,
          tipsLost: lost,
          urgentNotices: notices.length,
          urgentTipsCounted: notices.reduce((sum, n) => sum + (n.count ?? 0), 0),
        },
        null,
        2,
      ),
    );
    if (lost > 0 || duplicates > 0) process.exitCode = 1;
  } finally {
    await run.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
