/**
 * Cost model per alert (`npm run cost`): runs two alerts through their whole lifecycle on the local platform
 * (submission, approval, broadcast, resolution, cancellation) to a small and a larger audience, counts
 * what AWS bills (state transitions, Lambda invocations, DynamoDB capacity units, SMS segments), fits
 * fixed + per-recipient counts, prices them for 1,000 and 1,000,000 recipients and rewrites the generated
 * section of docs/cost.md. The counts are measured; only the prices and the Lambda durations below are inputs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAlertRepository } from '../lambdas/adapters/dynamodb/alert-repository';
import { loadConfig, loadResourceNames } from '../lambdas/config/config';
import { LOCAL_AWS } from '../local/dynamo';
import { sampleSubmission } from '../local/sample-alert';
import { countDynamoUsage } from './local/dynamo-usage';
import { approvalRequested, benchPhone, type LocalRun, startLocalRun } from './local/run';

/**
 * eu-central-1 (Frankfurt) list prices in USD, read from the AWS pricing pages in 2025. Check them before
 * quoting: https://aws.amazon.com/step-functions/pricing/, /lambda/pricing/, /dynamodb/pricing/on-demand/,
 * /sns/sms-pricing/ (destination Albania).
 */
export const PRICES = {
  /** Step Functions Standard, per state transition ($0.025 per 1,000). */
  stateTransition: 0.025 / 1_000,
  /** Lambda, per request ($0.20 per million). */
  lambdaRequest: 0.2 / 1_000_000,
  /** Lambda on Arm (Graviton), per GB-second. */
  lambdaArmGbSecond: 0.0000133334,
  /** DynamoDB on-demand, per write request unit ($0.7625 per million). */
  dynamoWriteUnit: 0.7625 / 1_000_000,
  /** DynamoDB on-demand, per read request unit ($0.1525 per million). */
  dynamoReadUnit: 0.1525 / 1_000_000,
  /**
   * SNS transactional SMS to Albanian mobiles, per segment. AN ASSUMPTION: the per-country rate changes
   * with carriers' fees; take it from the SNS SMS pricing table for AL (the prod stage caps it with MaxPrice).
   */
  smsSegment: 0.06,
} as const;

/** Billed durations are not measurable locally: these are inputs, not measurements. */
const LAMBDA_ASSUMPTIONS = {
  /** An API or workflow-step invocation: milliseconds billed, at 512 MB (lib/constructs/amber-function.ts). */
  shortInvocationMs: 100,
  shortInvocationGb: 0.5,
  /** The broadcast function (1,024 MB) runs for as long as the SMS rate limit makes the sending last. */
  broadcastGb: 1,
};

const SMALL = Number(process.env.COST_SMALL ?? 10);
const LARGE = Number(process.env.COST_LARGE ?? 60);
const BROADCAST_FUNCTION = 'broadcast';

interface Counts {
  stateTransitions: number;
  apiInvocations: number;
  workflowInvocations: number;
  broadcastInvocations: number;
  writeUnits: number;
  readUnits: number;
  writeRequests: number;
  readRequests: number;
  smsMessages: number;
  smsSegments: number;
}

async function main(): Promise<void> {
  const run = await startLocalRun();
  try {
    for (let i = 0; i < SMALL; i++) await run.api.subscribeAndConfirm(benchPhone(i), ['AL-05'], 'sq');
    for (let i = SMALL; i < SMALL + LARGE; i++) {
      await run.api.subscribeAndConfirm(benchPhone(i), ['AL-10'], i % 3 === 0 ? 'en' : 'sq');
    }
    const small = await lifecycle(run, 'AL-05', SMALL);
    const large = await lifecycle(run, 'AL-10', LARGE);
    const perRecipient = mapCounts((k) => (large[k] - small[k]) / (LARGE - SMALL));
    const fixed = mapCounts((k) => small[k] - SMALL * perRecipient[k]);
    // The production rate (the configuration's default), not the fast one of this local run.
    const markdown = report(small, large, fixed, perRecipient, loadConfig({}).sms.ratePerSecond);
    console.log(markdown);
    writeGeneratedSection(markdown);
  } finally {
    await run.close();
  }
}

/** One alert from submission to its cancellation, counting only what this alert made the platform do. */
async function lifecycle(run: LocalRun, county: string, recipients: number): Promise<Counts> {
  const { platform, api } = run;
  const usage = countDynamoUsage(platform.documentClient);
  // The benchmark's own polling goes through a client of its own, so that it is not counted.
  const observer = new DynamoAlertRepository(
    DynamoDBDocumentClient.from(new DynamoDBClient({ ...LOCAL_AWS, endpoint: platform.dynamoEndpoint })),
    loadResourceNames().alertsTable,
  );
  const transitionsBefore = platform.workflow.usage.stateTransitions;
  const invocationsBefore = { ...platform.workflow.usage.invocations };
  const smsBefore = run.sent.length;
  let apiInvocations = 0;
  const call = async (method: string, route: string, as: string, body: unknown) => {
    apiInvocations++;
    const res = await api.request(method, route, { as, body });
    if (res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  const submitted = await call('POST', '/alerts', 'officer.tirana', sampleSubmission({ counties: [county] }));
  const id = submitted.id as string;
  await approvalRequested(run, id);
  await call('POST', `/alerts/${id}/approval`, 'supervisor.national', { decision: 'APPROVE' });
  await until(async () => (await observer.get(id))?.status === 'ACTIVE');
  await call('POST', `/alerts/${id}/resolution`, 'officer.tirana', { outcome: 'FOUND' });
  await platform.workflow.outcome(id);

  const sms = run.sent.slice(smsBefore).filter((m) => m.alertId === id);
  if (sms.filter((m) => m.kind === 'ALERT').length !== recipients) {
    throw new Error(`Expected ${recipients} alert SMS for ${county}, got ${sms.length}`);
  }
  const invoked = (name: string) =>
    (platform.workflow.usage.invocations[name] ?? 0) - (invocationsBefore[name] ?? 0);
  const workflowInvocations = Object.keys(platform.workflow.usage.invocations).reduce(
    (sum, name) => sum + invoked(name),
    0,
  );
  usage.paused = true;
  return {
    stateTransitions: platform.workflow.usage.stateTransitions - transitionsBefore,
    apiInvocations,
    workflowInvocations,
    broadcastInvocations: Object.keys(platform.workflow.usage.invocations)
      .filter((name) => name.includes(BROADCAST_FUNCTION))
      .reduce((sum, name) => sum + invoked(name), 0),
    writeUnits: usage.writeUnits + usage.refusedWrites,
    readUnits: usage.readUnits,
    writeRequests: usage.writeRequests,
    readRequests: usage.readRequests,
    smsMessages: sms.length,
    smsSegments: sms.reduce((sum, m) => sum + m.segments, 0),
  };
}

const COUNT_KEYS: (keyof Counts)[] = [
  'stateTransitions',
  'apiInvocations',
  'workflowInvocations',
  'broadcastInvocations',
  'writeUnits',
  'readUnits',
  'writeRequests',
  'readRequests',
  'smsMessages',
  'smsSegments',
];

function mapCounts(f: (key: keyof Counts) => number): Counts {
  return Object.fromEntries(COUNT_KEYS.map((k) => [k, f(k)])) as unknown as Counts;
}

async function until(done: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function costFor(recipients: number, fixed: Counts, perRecipient: Counts, smsRate: number) {
  const at = (k: keyof Counts) => fixed[k] + recipients * perRecipient[k];
  const invocations = at('apiInvocations') + at('workflowInvocations');
  const shortInvocations = invocations - at('broadcastInvocations');
  const gbSeconds =
    (shortInvocations * LAMBDA_ASSUMPTIONS.shortInvocationMs * LAMBDA_ASSUMPTIONS.shortInvocationGb) / 1000 +
    // Two messages (alert and cancellation) per recipient, sent at the configured rate.
    (at('smsMessages') / smsRate) * LAMBDA_ASSUMPTIONS.broadcastGb;
  const lines = {
    'Step Functions': at('stateTransitions') * PRICES.stateTransition,
    Lambda: invocations * PRICES.lambdaRequest + gbSeconds * PRICES.lambdaArmGbSecond,
    DynamoDB: at('writeUnits') * PRICES.dynamoWriteUnit + at('readUnits') * PRICES.dynamoReadUnit,
    SMS: at('smsSegments') * PRICES.smsSegment,
  };
  return { at, invocations, gbSeconds, lines, total: Object.values(lines).reduce((a, b) => a + b, 0) };
}

const usd = (v: number) => (v >= 1 ? `$${v.toFixed(2)}` : `$${v.toPrecision(3)}`);
const num = (v: number) => (Number.isInteger(v) ? v.toLocaleString('en') : v.toFixed(3));

function report(small: Counts, large: Counts, fixed: Counts, perRecipient: Counts, smsRate: number): string {
  const out: string[] = [];
  out.push(
    `Measured on ${new Date().toISOString().slice(0, 10)} with \`npm run cost\` (Node ${process.version}): one alert to ${SMALL} and one to ${LARGE} recipients, each from submission to its cancellation.`,
    '',
    '| Count per alert | measured, ' +
      SMALL +
      ' recipients | measured, ' +
      LARGE +
      ' recipients | fixed | per recipient |',
    '|---|---|---|---|---|',
  );
  for (const k of COUNT_KEYS) {
    out.push(`| ${k} | ${num(small[k])} | ${num(large[k])} | ${num(fixed[k])} | ${num(perRecipient[k])} |`);
  }
  out.push(
    '',
    '| Cost per alert (USD, eu-central-1) | 1,000 recipients | 1,000,000 recipients |',
    '|---|---|---|',
  );
  const thousand = costFor(1_000, fixed, perRecipient, smsRate);
  const million = costFor(1_000_000, fixed, perRecipient, smsRate);
  for (const line of Object.keys(thousand.lines) as (keyof typeof thousand.lines)[]) {
    out.push(`| ${line} | ${usd(thousand.lines[line])} | ${usd(million.lines[line])} |`);
  }
  out.push(`| **Total** | **${usd(thousand.total)}** | **${usd(million.total)}** |`);
  out.push(
    '',
    `Inputs: ${Object.entries(PRICES)
      .map(([k, v]) => `${k} $${Number(v.toPrecision(6))}`)
      .join(
        ', ',
      )}; Lambda ${LAMBDA_ASSUMPTIONS.shortInvocationMs} ms at ${LAMBDA_ASSUMPTIONS.shortInvocationGb} GB per API/step invocation, broadcast at ${LAMBDA_ASSUMPTIONS.broadcastGb} GB for as long as ${smsRate} SMS/s takes (AMBER_SMS_RATE_PER_SECOND): ${num(Math.round(million.gbSeconds))} GB-s for 1,000,000 recipients.`,
  );
  return out.join('\n');
}

const COST_DOC = path.join(__dirname, '..', 'docs', 'cost.md');
const START = '<!-- generated by npm run cost: start -->';
const END = '<!-- generated by npm run cost: end -->';

function writeGeneratedSection(markdown: string): void {
  const doc = readFileSync(COST_DOC, 'utf8');
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${COST_DOC} lacks the generated-section markers`);
  writeFileSync(COST_DOC, `${doc.slice(0, start + START.length)}\n${markdown}\n${doc.slice(end)}`);
  console.error(`Wrote the generated section of ${COST_DOC}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
