import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { API_ROUTES, type ApiRoute } from '../../../lib/api-routes';
import { ApiClient } from '../../../local/api-client';
import { LocalIdentityProvider } from '../../../local/identities';
import { type Platform, startPlatform } from '../../../local/platform';
import { sampleSubmission } from '../../../local/sample-alert';

/**
 * Hostile HTTP requests against every route of the running local platform, generated with fast-check:
 * wrong types, missing and extra fields, huge strings, unicode edge cases, invalid JSON, wrong content
 * types, forged, expired and other-key tokens, ids of another directorate. For each request it records
 * the status, whether a 4xx body is JSON with a `message`, and every DynamoDB write the platform made while
 * answering it. `npm test` runs a small sample (test/integration/e2e/fuzz.test.ts), `npm run fuzz` the
 * full one (bench/fuzz.ts).
 */

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RouteReport {
  route: string;
  requests: number;
  byStatus: Record<number, number>;
  serverErrors: { request: FuzzRequest; status: number; body: string }[];
  nonJsonErrors: { request: FuzzRequest; status: number; body: string }[];
  /** Writes to stored data made while answering a refused (4xx) request. */
  dataChanges: { request: FuzzRequest; status: number; writes: string[] }[];
}

/**
 * Writes a refused request may make on purpose: counting a wrong confirmation code (then it locks), and
 * counting a code request against the rate limits (a refused request still counts against its client).
 */
export function isBookkeepingWrite(write: { command: string; table: string; update?: string }): boolean {
  return (
    /^Update(Item)?Command$/.test(write.command) &&
    (write.update === 'SET pending.attempts = pending.attempts + :one' ||
      write.update === 'ADD hits :one SET expiresAt = :expiresAt')
  );
}

// Unicode that breaks naive code: NUL, lone surrogates, RTL override, zero-width, combining marks, emoji ZWJ.
const NASTY = [
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\u202E',
  '\u200B',
  'e\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  '𝒜𝒷𝒸',
  'ﷺ',
  '١٢٣',
  '<script>alert(1)</script>',
  "'; DROP TABLE alerts; --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell probe, on purpose
  '${jndi:ldap://x}',
  '../../etc/passwd',
  '%00',
  '__proto__',
  'constructor',
];
const nasty = fc.constantFrom(...NASTY);
/** Percent-encodes text for a URL; lone surrogates (which cannot be encoded) become U+FFFD. */
const encode = (text: string) =>
  encodeURIComponent(
    text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );
const hugeString = fc.integer({ min: 1_000, max: 40_000 }).map((n) => 'A'.repeat(n));
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), nasty, hugeString);
const leaf: fc.Arbitrary<unknown> = fc.oneof(
  anyText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(1e308, -0, Number.MAX_SAFE_INTEGER + 2),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);

/** A valid body per route, so that mutations of it reach deep into the schemas. */
export function validBody(route: string, ctx: FuzzContext): Record<string, unknown> | undefined {
  switch (route) {
    case 'POST /alerts':
    case 'POST /alerts/preview':
      return sampleSubmission({ counties: ['AL-11'] });
    case 'POST /alerts/{id}/approval':
    case 'POST /alerts/{id}/updates/{version}/approval':
      return { decision: 'REJECT', reason: 'fuzz' };
    case 'POST /alerts/{id}/resolution':
      return { outcome: 'CANCELLED', note: 'fuzz' };
    case 'POST /alerts/{id}/updates':
      return { changes: { child: { description: 'fuzz' } } };
    case 'POST /alerts/{id}/extension':
      return { hours: 2 };
    case 'POST /drill-recipients':
      return { phone: ctx.drillPhone, language: 'sq' };
    case 'POST /drill-recipients/removal':
      // A phone not in the group: the drill phone stays for the other routes.
      return { phone: '+355692340599' };
    case 'POST /subscriptions':
      return { phone: ctx.subscriberPhone, counties: ['AL-11'], language: 'sq' };
    case 'POST /subscriptions/confirm':
      return { phone: ctx.subscriberPhone, code: '000000' };
    case 'POST /public/alerts/{id}/tips':
      return {
        message: 'fuzz',
        seenAt: '2024-05-01T10:00:00+02:00',
        place: 'Tiranë',
        location: { lat: 41.33, lon: 19.82 },
        seenNow: false,
        contact: { phone: ctx.subscriberPhone, name: 'fuzz' },
        language: 'sq',
      };
    case 'POST /alerts/{id}/tips/{tipId}/triage':
      return { state: 'REVIEWING', note: 'fuzz' };
    default:
      return undefined;
  }
}

type Json = Record<string, unknown> | unknown[];

/** Paths to every value of a JSON value, for mutation. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function mutate(
  body: Json,
  path: (string | number)[],
  op: 'delete' | 'replace' | 'extra',
  value: unknown,
): Json {
  const copy = structuredClone(body) as Json;
  if (path.length === 0)
    return op === 'replace' && value && typeof value === 'object' ? (value as Json) : copy;
  let parent: Record<string | number, unknown> = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (op === 'delete') delete parent[last];
  else if (op === 'replace') parent[last] = value;
  else if (typeof parent[last] === 'object' && parent[last] !== null) {
    (parent[last] as Record<string, unknown>)[`x${String(last)}Extra`] = value;
  } else parent.unexpectedField = value;
  return copy;
}

function bodyArbitrary(valid: Record<string, unknown> | undefined): fc.Arbitrary<string | undefined> {
  const invalidJson = fc.constantFrom(
    '{',
    '{"a":',
    '{"decision":"APPROVE",}',
    "{'a':1}",
    'NaN',
    '1e999999',
    '\uFEFF{}',
    '',
  );
  const notAnObject = fc.constantFrom('null', '[]', '"text"', '42', 'true', '[{"decision":"APPROVE"}]');
  const randomJson = fc.json({ maxDepth: 3 });
  const deep = fc.integer({ min: 50, max: 5_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`);
  const tooLarge = fc.integer({ min: 65_537, max: 70_000 }).map((n) => JSON.stringify({ x: 'A'.repeat(n) }));
  const mutated = valid
    ? fc
        .tuple(fc.constantFrom(...paths(valid)), fc.constantFrom('delete', 'replace', 'extra' as const), leaf)
        .chain(([path, op, value]) =>
          fc.constant(JSON.stringify(mutate(valid, path, op as 'delete' | 'replace' | 'extra', value))),
        )
    : randomJson;
  return fc.oneof(
    { weight: 5, arbitrary: mutated },
    { weight: 1, arbitrary: invalidJson },
    { weight: 1, arbitrary: notAnObject },
    { weight: 1, arbitrary: randomJson },
    { weight: 1, arbitrary: anyText.map((t) => t) },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: tooLarge },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

export interface FuzzContext {
  /** Tokens: valid ones per user, and hostile ones. */
  tokens: Record<string, string>;
  activeId: string;
  otherDirectorateId: string;
  pendingId: string;
  subscriberPhone: string;
  drillPhone: string;
  /** A tip of the active alert (its reference). */
  tipId: string;
}

const VALID_USERS = [
  'officer.tirana',
  'supervisor.tirana',
  'officer.shkoder',
  'supervisor.shkoder',
  'supervisor.national',
];

function authArbitrary(ctx: FuzzContext): fc.Arbitrary<string | undefined> {
  const hostile = Object.entries(ctx.tokens)
    .filter(([name]) => !VALID_USERS.includes(name))
    .map(([, token]) => token);
  return fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(...VALID_USERS.map((u) => ctx.tokens[u] ?? '')).map((t) => `Bearer ${t}`),
    fc.constantFrom(...hostile).map((t) => `Bearer ${t}`),
    fc.constantFrom('Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer a.b.c', `Bearer ${'x'.repeat(9000)}`),
    fc.string({ unit: fc.constantFrom(...'abcXYZ012._-= ') }).map((s) => `Bearer ${s}`),
  );
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/vnd.amber+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'json',
  '*/*',
];

function idArbitrary(ctx: FuzzContext): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(ctx.activeId, ctx.otherDirectorateId, ctx.pendingId) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(ctx.activeId.toUpperCase(), `${ctx.activeId}x`, ctx.activeId.slice(1)),
    },
    { weight: 2, arbitrary: anyText.map((t) => encode(t.slice(0, 3000))) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '..', '%2e%2e', '%2F', '%00', '%C0%AF') },
  );
}

function tipIdArbitrary(ctx: FuzzContext): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(ctx.tipId, ctx.tipId.toLowerCase(), 'T-000000', 'T-ILOU00') },
    { weight: 1, arbitrary: anyText.map((t) => encode(t.slice(0, 300))) },
  );
}

/** Headers only some routes read: idempotency keys on tips, CSV on the inbox. */
const extraHeaders = fc.oneof(
  { weight: 3, arbitrary: fc.constant({} as Record<string, string>) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.uuid(), fc.constantFrom('short', 'x'.repeat(200), 'key with spaces', 'é-key-1234'))
      .map((key) => ({ 'idempotency-key': key })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('text/csv', 'text/csv, application/json', 'text/*', '*/*', 'application/xml')
      .map((accept) => ({ accept })),
  },
);

const versionArbitrary = fc.oneof(
  fc.constantFrom('1', '2', '0', '-1', '1.5', '1e3', '١', '99999999999999999999', '%20', 'x'),
  fc.nat().map(String),
);

export function requestArbitrary(route: ApiRoute, ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const key = `${route.method} ${route.path}`;
  const otherMethod = fc.constantFrom('PUT', 'DELETE', 'PATCH', route.method === 'GET' ? 'POST' : 'GET');
  return fc
    .record({
      method: fc.oneof(
        { weight: 19, arbitrary: fc.constant(route.method) },
        { weight: 1, arbitrary: otherMethod },
      ),
      id: idArbitrary(ctx),
      tipId: tipIdArbitrary(ctx),
      extra: extraHeaders,
      version: versionArbitrary,
      query: fc.oneof(
        fc.constant(''),
        fc.constantFrom('?status=ACTIVE', '?status=nope', '?lang=en', '?lang=%00', '?x=1&x=2', '?status='),
        anyText.map((t) => `?q=${encode(t.slice(0, 2000))}`),
      ),
      authorization: authArbitrary(ctx),
      contentType: fc.oneof(
        { weight: 4, arbitrary: fc.constant('application/json') },
        { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      ),
      body:
        route.method === 'POST'
          ? bodyArbitrary(validBody(key, ctx))
          : fc.option(fc.string(), { nil: undefined }),
    })
    .map(({ method, id, tipId, extra, version, query, authorization, contentType, body }) => {
      const headers: Record<string, string> = { ...extra };
      if (authorization !== undefined) headers.authorization = authorization;
      if (contentType !== undefined && body !== undefined) headers['content-type'] = contentType;
      const path =
        route.path.replace('{id}', id).replace('{version}', version).replace('{tipId}', tipId) + query;
      return { method, path, headers, ...(body === undefined || method === 'GET' ? {} : { body }) };
    });
}

interface Write {
  command: string;
  table: string;
  update?: string;
}

/** Records every successful DynamoDB write of the platform (all repositories share one client). */
function recordWrites(platform: Platform): Write[] {
  const writes: Write[] = [];
  const repository = platform.deps.alerts as unknown as {
    db: { middlewareStack: { add: (mw: unknown, options: unknown) => void } };
  };
  repository.db.middlewareStack.add(
    (
      next: (args: { input: Record<string, unknown> }) => Promise<unknown>,
      context: { commandName?: string },
    ) =>
      async (args: { input: Record<string, unknown> }) => {
        const result = await next(args);
        const command = context.commandName ?? 'unknown';
        if (/^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(command)) {
          const update = args.input.UpdateExpression;
          writes.push({
            command,
            table: String(args.input.TableName ?? 'batch'),
            ...(typeof update === 'string' ? { update } : {}),
          });
        }
        return result;
      },
    { step: 'initialize', name: 'fuzzWriteRecorder' },
  );
  return writes;
}

export interface FuzzRun {
  reports: RouteReport[];
  close(): Promise<void>;
}

async function seed(platform: Platform, api: ApiClient): Promise<FuzzContext> {
  const subscriberPhone = '+355692340501';
  const drillPhone = '+355692340502';
  await api.subscribeAndConfirm(subscriberPhone, ['AL-11'], 'sq');
  await api.request('POST', '/drill-recipients', {
    as: 'supervisor.tirana',
    body: { phone: drillPhone, language: 'sq' },
  });
  const submit = async (as: string, county: string) => {
    const body = sampleSubmission({
      counties: [county],
      lastSeen: { ...(sampleSubmission().lastSeen as object), county },
    });
    const res = await api.request('POST', '/alerts', { as, body });
    if (res.status !== 201) throw new Error(`fuzz seed: submission ${res.status}`);
    return res.body.id as string;
  };
  const activate = async (id: string, as: string, supervisor: string) => {
    await api.request('POST', `/alerts/${id}/approval`, { as: supervisor, body: { decision: 'APPROVE' } });
    await api.waitForAlert(id, as, (a) => a.status === 'ACTIVE');
  };
  const activeId = await submit('officer.tirana', 'AL-11');
  await activate(activeId, 'officer.tirana', 'supervisor.tirana');
  const otherDirectorateId = await submit('officer.shkoder', 'AL-10');
  await activate(otherDirectorateId, 'officer.shkoder', 'supervisor.shkoder');
  const pendingId = await submit('officer.tirana', 'AL-11');
  const tip = await api.request('POST', `/public/alerts/${activeId}/tips`, { body: { message: 'seed' } });
  if (tip.status !== 201) throw new Error(`fuzz seed: tip ${tip.status}`);
  const tipId = tip.body.reference as string;

  const tokens: Record<string, string> = {};
  for (const user of VALID_USERS) tokens[user] = await api.token(user);
  const past = new Date(Date.now() - 2 * 3600_000);
  tokens.expired = await platform.identity.issue('supervisor.tirana', { now: past });
  const otherDir = mkdtempSync(join(tmpdir(), 'amber-fuzz-idp-'));
  const other = await LocalIdentityProvider.open({ dataDir: otherDir, users: platform.identity.users });
  tokens.otherKey = await other.issue('supervisor.national');
  rmSync(otherDir, { recursive: true, force: true });
  const [header = '', payload = '', signature = ''] = (tokens['officer.tirana'] ?? '').split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const forged = { ...claims, 'cognito:groups': ['supervisors'], 'custom:directorate': 'NATIONAL' };
  tokens.forged = `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
  tokens.algNone = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
  return { tokens, activeId, otherDirectorateId, pendingId, subscriberPhone, drillPhone, tipId };
}

/**
 * Waits until every running workflow is parked in a wait state and the platform made no write for
 * `quietMs`: a request it accepted may have started or woken a workflow, whose writes are not the next
 * request's.
 */
async function settle(platform: Platform, writes: Write[], quietMs = 100, maxMs = 15_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let seen = writes.length;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, quietMs));
    const parked = platform.workflow
      .runningAlertIds()
      .every((id) => /^Await/.test(platform.workflow.currentState(id) ?? 'Await'));
    if (writes.length === seen && parked) return;
    seen = writes.length;
  }
}

export async function runFuzz(options: {
  requestsPerRoute: number;
  seed?: number;
  routes?: readonly ApiRoute[];
  onRoute?: (report: RouteReport, ms: number) => void;
}): Promise<FuzzRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'amber-fuzz-'));
  const platform = await startPlatform({
    port: 0,
    dataDir,
    quiet: true,
    env: {
      AMBER_SMS_RATE_PER_SECOND: '1000',
      AMBER_APPROVAL_TIMEOUT_MINUTES: '1440',
      // Every request must reach its handler: the public flood limit has its own test (public-flood.test.ts).
      AMBER_PUBLIC_RATE_PER_SECOND: '0',
    },
  });
  const close = async () => {
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const api = new ApiClient(platform.url);
    const ctx = await seed(platform, api);
    const writes = recordWrites(platform);
    await settle(platform, writes);
    const reports: RouteReport[] = [];
    for (const route of options.routes ?? API_ROUTES) {
      const started = performance.now();
      const report: RouteReport = {
        route: `${route.method} ${route.path}`,
        requests: 0,
        byStatus: {},
        serverErrors: [],
        nonJsonErrors: [],
        dataChanges: [],
      };
      const requests = fc.sample(requestArbitrary(route, ctx), {
        numRuns: options.requestsPerRoute,
        seed: (options.seed ?? 42) + reports.length,
      });
      for (const request of requests) {
        const before = writes.length;
        let status: number;
        let text: string;
        let contentType = '';
        try {
          const response = await fetch(`${platform.url}${request.path}`, {
            method: request.method,
            headers: request.headers,
            ...(request.body === undefined ? {} : { body: request.body }),
          });
          status = response.status;
          contentType = response.headers.get('content-type') ?? '';
          text = await response.text();
        } catch (error) {
          // The client refused to send it (an invalid URL or header): nothing reached the platform.
          report.byStatus[0] = (report.byStatus[0] ?? 0) + 1;
          void error;
          continue;
        }
        report.requests++;
        report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
        if (status >= 500)
          report.serverErrors.push({ request: brief(request), status, body: text.slice(0, 300) });
        // The public site's pages (the alert page, the forms) answer a browser with an HTML page, by design.
        const htmlPage = contentType.startsWith('text/html') && text.includes('<main>');
        if (status >= 400 && status < 500 && !isJsonError(text) && !htmlPage) {
          report.nonJsonErrors.push({ request: brief(request), status, body: text.slice(0, 300) });
        }
        if (status < 400) {
          // Accepted: let whatever it started (a workflow) finish before the next request is judged.
          if (request.method !== 'GET') await settle(platform, writes);
          continue;
        }
        const made = writes.slice(before).filter((w) => !isBookkeepingWrite(w));
        if (made.length > 0) {
          report.dataChanges.push({
            request: brief(request),
            status,
            writes: made.map((w) => `${w.command} ${w.table} ${w.update ?? ''}`),
          });
        }
      }
      reports.push(report);
      options.onRoute?.(report, performance.now() - started);
    }
    return { reports, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function isJsonError(text: string): boolean {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    return typeof body === 'object' && body !== null && typeof body.message === 'string';
  } catch {
    return false;
  }
}

/** A request as reported: long parts cut, so that a report stays readable. */
function brief(request: FuzzRequest): FuzzRequest {
  const cut = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}…(${s.length})` : s);
  return {
    method: request.method,
    path: cut(request.path),
    headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, cut(v)])),
    ...(request.body === undefined ? {} : { body: cut(request.body) }),
  };
}
