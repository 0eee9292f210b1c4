import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Stage } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { RESOURCE_ENV } from '../../lambdas/config/config';
import { API_HANDLERS, type ApiHandlerName, INBOUND_SMS_HANDLER } from '../../lib/api-routes';
import { WORKFLOW_HANDLERS } from '../../lib/constructs/alert-workflow';
import { RETENTION_PURGE_HANDLER } from '../../lib/constructs/retention-purge';
import { buildProxyEvent } from '../../local/api-gateway-event';
import { startDynalite } from '../../local/dynamo';
import { type Synthesized, synthAmber } from './synth';

/**
 * The one test file that synthesizes like `cdk synth`: esbuild bundles every function (locally, never in
 * Docker) and the built-in CloudFormation validation runs. The other files skip both to stay fast.
 */
let s: Synthesized;
let outdir: string;
let bundles: { name: string; entry: string; dir: string }[];

beforeAll(() => {
  s = synthAmber({ bundle: true, validate: true });
  outdir = Stage.of(s.stack)?.outdir ?? '';
  const resources = s.template.toJSON().Resources;
  const fns: [string, string, LambdaFunction][] = [
    ...(Object.entries(API_HANDLERS) as [ApiHandlerName, string][]).map(
      ([name, entry]) => [name, entry, s.stack.api.functions[name]] as [string, string, LambdaFunction],
    ),
    ['steps', WORKFLOW_HANDLERS.steps, s.stack.workflow.steps],
    ['broadcast', WORKFLOW_HANDLERS.broadcast, s.stack.workflow.broadcast],
    ['sendShard', WORKFLOW_HANDLERS.sendShard, s.stack.workflow.sendShard],
    ['inboundSms', INBOUND_SMS_HANDLER, s.stack.inboundSms.handler],
    ['retentionPurge', RETENTION_PURGE_HANDLER, s.stack.retention.handler],
  ];
  bundles = fns.map(([name, entry, fn]) => {
    const key = resources[s.logicalId(fn)].Properties.Code.S3Key as string;
    return { name, entry, dir: path.join(outdir, `asset.${key.replace(/\.zip$/, '')}`) };
  });
}, 240_000); // esbuild runs once per function; slow when the machine is busy

test('the built-in CloudFormation validation finds nothing', () => {
  const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: { violations?: unknown[] }[];
  };
  expect(report.pluginReports.flatMap((r) => r.violations ?? [])).toEqual([]);
});

test('every function has its own bundle', () => {
  const functions = Object.keys(s.template.findResources('AWS::Lambda::Function')).length;
  expect(bundles).toHaveLength(functions);
  expect(new Set(bundles.map((b) => b.dir)).size).toBe(functions);
});

test('each bundle is one minified ES module with the require shim and a source map of its entry', () => {
  for (const { entry, dir } of bundles) {
    expect(readdirSync(dir).sort()).toEqual(['index.mjs', 'index.mjs.map']);
    const code = readFileSync(path.join(dir, 'index.mjs'), 'utf8');
    expect(
      code.startsWith(
        "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
      ),
    ).toBe(true);
    expect(code.trimEnd().endsWith('//# sourceMappingURL=index.mjs.map')).toBe(true);
    const map = JSON.parse(readFileSync(path.join(dir, 'index.mjs.map'), 'utf8')) as {
      sources: string[];
      sourcesContent?: unknown;
    };
    expect(map.sources.some((source) => source.endsWith(entry))).toBe(true);
    expect(map.sourcesContent).toBeUndefined();
  }
});

test('each bundle loads as an ES module in Node and exports a handler function', () => {
  const urls = bundles.map((b) => pathToFileURL(path.join(b.dir, 'index.mjs')).href);
  const script = `
    const results = {};
    for (const url of ${JSON.stringify(urls)}) {
      const mod = await import(url);
      results[url] = typeof mod.handler;
    }
    process.stdout.write(JSON.stringify(results));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '--no-warnings', '-e', script], {
    cwd: outdir,
    env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-central-1' },
    encoding: 'utf8',
    timeout: 80_000,
  });
  expect(Object.values(JSON.parse(out))).toEqual(urls.map(() => 'function'));
}, 90_000);

test('only the handlers that validate phone numbers carry libphonenumber-js and its metadata', () => {
  const sourcesOf = (dir: string) =>
    (JSON.parse(readFileSync(path.join(dir, 'index.mjs.map'), 'utf8')) as { sources: string[] }).sources;
  const namesWhere = (matches: (source: string) => boolean) =>
    bundles
      .filter((b) => sourcesOf(b.dir).some(matches))
      .map((b) => b.name)
      .sort();
  // Phone numbers come in through the request schemas of phone-schemas.ts, or as the sender of an inbound SMS.
  const phoneHandlers = namesWhere(
    (source) =>
      source.endsWith('lambdas/domain/phone-schemas.ts') || source.includes('lambdas/handlers/sms/'),
  );
  expect(phoneHandlers).toEqual(
    expect.arrayContaining(['confirmSubscription', 'drillRecipients', 'subscribe']),
  );
  expect(phoneHandlers).not.toContain('submitAlert');
  expect(namesWhere((source) => source.includes('node_modules/libphonenumber-js/'))).toEqual(phoneHandlers);
});

/** Files esbuild put in a bundle, from its source map (the map lists every input that adds code). */
function bundledSources(dir: string): string[] {
  return (JSON.parse(readFileSync(path.join(dir, 'index.mjs.map'), 'utf8')) as { sources: string[] }).sources;
}

test('no handler carries classic zod: every one parses with zod/mini (lambdas/config/zod-locale.ts)', () => {
  // Classic zod costs ~70 KB more than zod/mini in every bundle that imports it.
  const miniOnly = bundles.map((b) => b.name);
  expect(miniOnly).toEqual(
    expect.arrayContaining([
      'submitAlert',
      'decideApproval',
      'steps',
      'broadcast',
      'sendShard',
      'inboundSms',
    ]),
  );
  const carryingClassic = bundles
    .filter((b) => miniOnly.includes(b.name))
    .filter((b) => bundledSources(b.dir).some((source) => source.includes('node_modules/zod/v4/classic/')))
    .map((b) => b.name);
  expect(carryingClassic).toEqual([]);
  // …and zod/mini is really what they parse with.
  for (const b of bundles.filter((x) => miniOnly.includes(x.name))) {
    expect(bundledSources(b.dir).some((source) => source.includes('node_modules/zod/v4/mini/'))).toBe(true);
  }
});

test('the packages with stand-ins are in no bundle, and the SMS composers carry the grapheme stand-in', () => {
  // BUNDLE_STAND_INS (lib/constructs/amber-function.ts): what each replaced package would have added.
  const replaced = [
    'node_modules/@aws-sdk/credential-provider-node/',
    'node_modules/grapheme-splitter/',
    'node_modules/mnemonist/',
    'node_modules/@smithy/core/dist-es/submodules/event-streams/',
  ];
  const carrying = bundles.flatMap((b) =>
    replaced
      .filter((pkg) => bundledSources(b.dir).some((source) => source.includes(pkg)))
      .map((pkg) => `${b.name}: ${pkg}`),
  );
  expect(carrying).toEqual([]);
  const composers = bundles.filter((b) =>
    bundledSources(b.dir).some((source) => source.includes('node_modules/sms-segments-calculator/')),
  );
  expect(composers.map((b) => b.name)).toEqual(
    expect.arrayContaining(['broadcast', 'sendShard', 'subscribe']),
  );
  for (const b of composers) {
    expect(
      bundledSources(b.dir).some((source) => source.endsWith('lib/bundling/stand-ins/grapheme-splitter.ts')),
    ).toBe(true);
  }
});

/** KB of index.mjs: the handlers that meet issue #7's 300 KB keep it; the others must not grow past a ceiling. */
const BUNDLE_BUDGET_KB: Readonly<Record<string, number>> = {
  getAlert: 300,
  listAlerts: 300,
  // GET / renders the public site's home page, and the public JSON is checked against the approval
  // signature (the KMS client): 304 KB measured.
  publicAlerts: 310,
  // The CAP messages and the feed are checked against the approval signature before they are served: the
  // KMS client that verifies it costs about 30 KB (331 KB measured).
  publicCap: 335,
  alertPage: 300,
  // Composes the SMS of the review step (POST /alerts/preview) with the composer the broadcast uses.
  submitAlert: 315,
  // The alert item's schema (items are parsed at the adapter boundary) and the public-content digest of the
  // approval: 306–307 KB measured.
  resolveAlert: 310,
  submitUpdate: 310,
  extendAlert: 310,
  drillRecipients: 300,
  // A reply that is a tip is acknowledged by SMS: the handler carries the SNS client and the SMS measure
  // (350 KB). Splitting the tips into a second subscriber of the inbound topic would bring it back to 300.
  inboundSms: 360,
  retentionPurge: 300,
};
const BUNDLE_CEILING_KB = 800;

test('no bundle is over its size budget', () => {
  const over = bundles
    .map((b) => ({ name: b.name, kb: Math.round(statSync(path.join(b.dir, 'index.mjs')).size / 1024) }))
    .filter(({ name, kb }) => kb > (BUNDLE_BUDGET_KB[name] ?? BUNDLE_CEILING_KB));
  expect(over).toEqual([]);
});

/**
 * Runs a bundle's handler in a fresh Node, as Lambda would (credentials in the environment), against dynalite:
 * the SDK inside the bundle (its stand-ins included) signs, sends and parses real DynamoDB calls.
 */
async function invokeBundle(
  name: string,
  request: { path: string; resource: string; pathParameters?: Record<string, string> },
  dynamoEndpoint: string,
): Promise<{ statusCode: number; body: string }> {
  const bundle = bundles.find((b) => b.name === name);
  if (!bundle) throw new Error(`${name}: no bundle`);
  const event = buildProxyEvent(
    { method: 'GET', path: request.path, query: '', rawHeaders: [], body: null, sourceIp: '127.0.0.1' },
    { resource: request.resource, pathParameters: request.pathParameters ?? {} },
  );
  const script = `
    const { handler } = await import(${JSON.stringify(pathToFileURL(path.join(bundle.dir, 'index.mjs')).href)});
    const context = { functionName: 'smoke', functionVersion: '$LATEST', awsRequestId: 'smoke-1',
      memoryLimitInMB: '512', invokedFunctionArn: 'arn:aws:lambda:eu-central-1:000000000000:function:smoke',
      logGroupName: '/aws/lambda/smoke', logStreamName: 'smoke', callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => 10000 };
    const result = await handler(JSON.parse(process.env.SMOKE_EVENT), context);
    process.stdout.write(JSON.stringify(result));`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '--no-warnings', '-e', script],
    {
      cwd: bundle.dir,
      env: {
        PATH: process.env.PATH ?? '',
        AWS_REGION: 'eu-central-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
        [RESOURCE_ENV.alertsTable]: 'amber-alerts',
        [RESOURCE_ENV.subscribersTable]: 'amber-subscribers',
        [RESOURCE_ENV.deliveriesTable]: 'amber-deliveries',
        POWERTOOLS_LOG_LEVEL: 'ERROR',
        SMOKE_EVENT: JSON.stringify(event),
      },
      timeout: 30_000,
    },
  );
  return JSON.parse(stdout) as { statusCode: number; body: string };
}

/**
 * Runs a bundle's handler with a raw event in a fresh Node, as Lambda would, and reports its result or the
 * name of what it threw: Lambda hands that name to Step Functions (Retry and Catch match on it) and to logs.
 */
async function runBundle(
  name: string,
  event: unknown,
  dynamoEndpoint: string,
): Promise<{ result?: unknown; errorName?: string }> {
  const bundle = bundles.find((b) => b.name === name);
  if (!bundle) throw new Error(`${name}: no bundle`);
  const script = `
    const { handler } = await import(${JSON.stringify(pathToFileURL(path.join(bundle.dir, 'index.mjs')).href)});
    const context = { functionName: 'smoke', functionVersion: '$LATEST', awsRequestId: 'smoke-2',
      memoryLimitInMB: '512', invokedFunctionArn: 'arn:aws:lambda:eu-central-1:000000000000:function:smoke',
      logGroupName: '/aws/lambda/smoke', logStreamName: 'smoke', callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => 10000 };
    try {
      process.stdout.write(JSON.stringify({ result: await handler(JSON.parse(process.env.SMOKE_EVENT), context) }));
    } catch (error) {
      process.stdout.write(JSON.stringify({ errorName: error.name }));
    }`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '--no-warnings', '-e', script],
    {
      cwd: bundle.dir,
      env: {
        PATH: process.env.PATH ?? '',
        AWS_REGION: 'eu-central-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
        [RESOURCE_ENV.alertsTable]: 'amber-alerts',
        POWERTOOLS_LOG_LEVEL: 'CRITICAL',
        SMOKE_EVENT: JSON.stringify(event),
      },
      timeout: 30_000,
    },
  );
  return JSON.parse(stdout) as { result?: unknown; errorName?: string };
}

test('a bundled handler throws its error under the class name, not a minified one', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'amber-bundle-names-'));
  const dynamo = await startDynalite({ dataDir });
  try {
    // Route of an alert that does not exist: the steps function raises NotFoundError to Step Functions.
    const outcome = await runBundle('steps', { action: 'route', alertId: 'k3m9p2x7qa' }, dynamo.endpoint);
    expect(outcome).toEqual({ errorName: 'NotFoundError' });
  } finally {
    await dynamo.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);

test('bundled handlers answer from DynamoDB through the bundled SDK and its stand-ins', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'amber-bundle-smoke-'));
  const dynamo = await startDynalite({ dataDir });
  try {
    const list = await invokeBundle(
      'publicAlerts',
      { path: '/public/alerts', resource: '/public/alerts' },
      dynamo.endpoint,
    );
    expect(list.statusCode).toBe(200);
    expect(JSON.parse(list.body)).toEqual({ items: [] });
    const id = '3f2b8c1e-9a4d-4e21-b7c5-0d6f1a2b3c4d';
    const cap = await invokeBundle(
      'publicCap',
      { path: `/public/alerts/${id}/cap`, resource: '/public/alerts/{id}/cap', pathParameters: { id } },
      dynamo.endpoint,
    );
    expect(cap.statusCode).toBe(404);
  } finally {
    await dynamo.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
