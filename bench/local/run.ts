import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SmsMessage } from '../../lambdas/ports/sms-sender';
import { ApiClient } from '../../local/api-client';
import { type Platform, startPlatform } from '../../local/platform';

/** A local platform in a fresh data dir, as the end-to-end tests start it, plus what the benchmarks watch. */
export interface LocalRun {
  platform: Platform;
  api: ApiClient;
  /** Resolves at the moment the first SMS of this kind about this alert reaches the outbox. */
  firstSms(alertId: string, kind: 'ALERT' | 'CANCELLATION'): Promise<number>;
  /** Every SMS the outbox accepted during the run. */
  sent: SmsMessage[];
  close(): Promise<void>;
}

export async function startLocalRun(env: Record<string, string> = {}): Promise<LocalRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'amber-bench-'));
  const platform = await startPlatform({
    port: 0,
    dataDir,
    quiet: true,
    env: {
      AMBER_TIME_SCALE: '3600',
      AMBER_APPROVAL_TIMEOUT_MINUTES: '1440',
      AMBER_SMS_RATE_PER_SECOND: '1000',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      ...env,
    },
  });
  const sent: SmsMessage[] = [];
  const seen = new Map<string, number>();
  const waiting = new Map<string, ((at: number) => void)[]>();
  // The handlers hold this very outbox object (platform.deps.sms): wrapping its method sees every send.
  const send = platform.sms.send.bind(platform.sms);
  platform.sms.send = async (message) => {
    const result = await send(message);
    const at = performance.now();
    sent.push(message);
    const key = `${message.alertId}/${message.kind}`;
    if (message.alertId && !seen.has(key)) {
      seen.set(key, at);
      for (const resolve of waiting.get(key) ?? []) resolve(at);
      waiting.delete(key);
    }
    return result;
  };
  return {
    platform,
    api: new ApiClient(platform.url),
    sent,
    firstSms: (alertId, kind) => {
      const key = `${alertId}/${kind}`;
      const at = seen.get(key);
      if (at !== undefined) return Promise.resolve(at);
      return new Promise((resolve) => waiting.set(key, [...(waiting.get(key) ?? []), resolve]));
    },
    close: async () => {
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Distinct valid Albanian mobile numbers (069 234 xxxx, as the end-to-end tests use). */
export function benchPhone(index: number): string {
  return `+35569${(2_340_000 + index).toString()}`;
}

/** Waits until the workflow has asked the supervisors, i.e. is parked waiting for the approval. */
export async function approvalRequested(run: LocalRun, alertId: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!run.platform.notifications.list({}).some((n) => n.alertId === alertId)) {
    if (Date.now() > deadline) throw new Error(`No approval request for ${alertId}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: with 50 samples, p99 is the slowest one.
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}
