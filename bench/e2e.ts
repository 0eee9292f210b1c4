/**
 * Latency of the path that matters, on the local platform (`npm run bench:e2e`): for each of at least 50
 * alerts, one after the other, submission → 201 PENDING_APPROVAL, approval → first alert SMS in the outbox,
 * resolution → first cancellation SMS. Times are taken in-process, from just before the HTTP request to the
 * moment the outbox accepts the SMS. E2E_ALERTS and E2E_SUBSCRIBERS change the run.
 */
import { sampleSubmission } from '../local/sample-alert';
import { approvalRequested, benchPhone, percentile, startLocalRun } from './local/run';

const alerts = Math.max(50, Number(process.env.E2E_ALERTS ?? 50));
const subscribers = Number(process.env.E2E_SUBSCRIBERS ?? 3);
/** The first alerts after a start also pay for lazy compilation in the process: reported, not counted. */
const warmup = Number(process.env.E2E_WARMUP ?? 2);
const P99_TARGET_MS = 500;

async function main(): Promise<void> {
  const run = await startLocalRun();
  try {
    const { api } = run;
    for (let i = 0; i < subscribers; i++) await api.subscribeAndConfirm(benchPhone(i), ['AL-11'], 'sq');
    const latencies = {
      submission: [] as number[],
      approvalToSms: [] as number[],
      resolutionToSms: [] as number[],
    };

    for (let i = 0; i < warmup + alerts; i++) {
      const counted = i >= warmup;
      const submitStarted = performance.now();
      const submitted = await api.request('POST', '/alerts', {
        as: 'officer.tirana',
        body: sampleSubmission({ counties: ['AL-11'] }),
      });
      if (submitted.status !== 201 || submitted.body.status !== 'PENDING_APPROVAL') {
        throw new Error(`Submission answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
      }
      const submissionMs = performance.now() - submitStarted;
      const id = submitted.body.id as string;

      // A supervisor decides once the workflow waits for it, as a person would.
      await approvalRequested(run, id);
      const approvalStarted = performance.now();
      const firstAlertSms = run.firstSms(id, 'ALERT');
      const approved = await api.request('POST', `/alerts/${id}/approval`, {
        as: 'supervisor.tirana',
        body: { decision: 'APPROVE' },
      });
      if (approved.status !== 200) throw new Error(`Approval answered ${approved.status}`);
      const approvalMs = (await firstAlertSms) - approvalStarted;

      await api.waitForAlert(id, 'officer.tirana', (a) => a.status === 'ACTIVE');
      const resolutionStarted = performance.now();
      const firstCancellation = run.firstSms(id, 'CANCELLATION');
      const resolved = await api.request('POST', `/alerts/${id}/resolution`, {
        as: 'officer.tirana',
        body: { outcome: 'FOUND' },
      });
      if (resolved.status !== 200) throw new Error(`Resolution answered ${resolved.status}`);
      const resolutionMs = (await firstCancellation) - resolutionStarted;
      // The next alert starts once this one's workflow has finished (cancellation sent, execution ended).
      await run.platform.workflow.outcome(id);
      if (counted) {
        latencies.submission.push(submissionMs);
        latencies.approvalToSms.push(approvalMs);
        latencies.resolutionToSms.push(resolutionMs);
      } else {
        console.error(
          `warm-up alert ${i + 1}: submission ${submissionMs.toFixed(0)} ms, approval to SMS ${approvalMs.toFixed(0)} ms, resolution to SMS ${resolutionMs.toFixed(0)} ms`,
        );
      }
    }

    const row = (path: string, values: number[], target?: number) => ({
      path,
      alerts: values.length,
      'median ms': percentile(values, 50).toFixed(1),
      'p99 ms': percentile(values, 99).toFixed(1),
      'max ms': Math.max(...values).toFixed(1),
      target:
        target === undefined
          ? ''
          : `p99 <= ${target} ms: ${percentile(values, 99) <= target ? 'met' : 'MISSED'}`,
    });
    const rows = [
      row('submission -> PENDING_APPROVAL (201)', latencies.submission),
      row('approval -> first alert SMS in the outbox', latencies.approvalToSms, P99_TARGET_MS),
      row('resolution -> first cancellation SMS', latencies.resolutionToSms),
    ];
    console.log(
      `End-to-end latency on the local platform: ${alerts} alerts in sequence after ${warmup} warm-up alerts, ${subscribers} subscribers, Node ${process.version}`,
    );
    console.table(rows);
    const columns = Object.keys(rows[0] ?? {});
    console.log(`| ${columns.join(' | ')} |\n|${columns.map(() => '---').join('|')}|`);
    for (const r of rows) console.log(`| ${Object.values(r).join(' | ')} |`);
  } finally {
    await run.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
