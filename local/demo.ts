import './polyfills';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from './api-client';
import { sampleSubmission } from './sample-alert';

/**
 * `npm run demo`: one alert through its whole lifecycle, against the platform at AMBER_URL (default
 * http://127.0.0.1:3000) or, when nothing answers there, a platform it starts itself in a temporary folder.
 */
const timeline: { step: string; ms: number }[] = [];
const started = performance.now();
let current: { step: string; at: number } | undefined;

/** Starts a step of the walk-through; the previous one's duration goes to the timeline. */
function step(text?: string): void {
  const now = performance.now();
  if (current) timeline.push({ step: current.step, ms: now - current.at });
  current = text ? { step: text, at: now } : undefined;
  if (text) process.stdout.write(`\n▶ ${text}  (+${Math.round(now - started)} ms)\n`);
}

function show(label: string, value: unknown): void {
  process.stdout.write(`  ${label}: ${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
}

async function reachable(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  let url = process.env.AMBER_URL ?? 'http://127.0.0.1:3000';
  let close: (() => Promise<void>) | undefined;
  if (!(await reachable(url))) {
    const { startPlatform } = await import('./platform');
    const platform = await startPlatform({
      port: 0,
      dataDir: mkdtempSync(join(tmpdir(), 'amber-demo-')),
      quiet: true,
    });
    url = platform.url;
    close = platform.close;
    process.stdout.write(`Started a local platform at ${url} for the demo\n`);
  } else {
    process.stdout.write(`Using the platform at ${url}\n`);
  }
  const api = new ApiClient(url);
  const suffix = String(Date.now()).slice(-4);
  const phones = { sq: `+35569123${suffix}`, en: `+35568234${suffix}` };
  try {
    step('Two people subscribe by SMS and confirm with the code they receive');
    await api.subscribeAndConfirm(phones.sq, ['AL-11'], 'sq');
    await api.subscribeAndConfirm(phones.en, ['AL-11', 'AL-02'], 'en');
    show('subscribed', `${phones.sq} (Tiranë, sq), ${phones.en} (Tiranë + Durrës, en)`);

    step('officer.tirana submits an AMBER Alert');
    const submitted = await api.request('POST', '/alerts', {
      as: 'officer.tirana',
      body: sampleSubmission(),
    });
    const id = String(submitted.body.id);
    show('answer', `${submitted.status} ${String(submitted.body.status)} id=${id}`);

    step('officer.tirana tries to approve their own alert');
    const self = await api.request('POST', `/alerts/${id}/approval`, {
      as: 'officer.tirana',
      body: { decision: 'APPROVE' },
    });
    show('answer', `${self.status} ${String(self.body.message)}`);

    step('supervisor.tirana approves it');
    const approved = await api.request('POST', `/alerts/${id}/approval`, {
      as: 'supervisor.tirana',
      body: { decision: 'APPROVE' },
    });
    show('answer', `${approved.status} ${String(approved.body.status)}`);
    await api.waitForAlert(id, 'supervisor.tirana', (a) => a.status === 'ACTIVE');

    step('The SMS as each phone received it');
    for (const phone of Object.values(phones)) {
      for (const sms of (await api.sms(phone)).filter((m) => m.alertId === id)) {
        show(`${phone} ${sms.kind} ${sms.encoding} ${sms.segments} segment(s)`, `\n    ${sms.body}`);
      }
    }

    step('The child is found: officer.tirana resolves the alert');
    const resolved = await api.request('POST', `/alerts/${id}/resolution`, {
      as: 'officer.tirana',
      body: { outcome: 'FOUND' },
    });
    show('answer', `${resolved.status} ${String(resolved.body.status)}`);
    const done = await api.waitForAlert(
      id,
      'officer.tirana',
      (a) => typeof a.cancellationSentAt === 'string',
    );

    step('The cancellation SMS');
    for (const phone of Object.values(phones)) {
      for (const sms of (await api.sms(phone)).filter((m) => m.alertId === id && m.kind === 'CANCELLATION')) {
        show(`${phone} ${sms.kind}`, `\n    ${sms.body}`);
      }
    }
    show(
      'history',
      (done.history as { action: string; actor: { username: string } }[]).map(
        (h) => `${h.action} by ${h.actor.username}`,
      ),
    );

    step();
    process.stdout.write('\nTimeline\n');
    for (const t of timeline)
      process.stdout.write(`  ${String(Math.round(t.ms)).padStart(6)} ms  ${t.step}\n`);
  } finally {
    await close?.();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
