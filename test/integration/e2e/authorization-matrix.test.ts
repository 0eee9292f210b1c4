import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_ROUTES, type ApiRoute } from '../../../lib/api-routes';
import { ApiClient } from '../../../local/api-client';
import { DEFAULT_USERS_FILE } from '../../../local/identities';
import { startPlatform } from '../../../local/platform';
import { sampleSubmission } from '../../../local/sample-alert';

/**
 * Every route of lib/api-routes.ts for every role, with the expected status, on the running local platform.
 * A route without a row fails with a message naming it: add its row to MATRIX when you add a route.
 *
 * The alerts belong to AL-11 (Tirana). Another directorate's alert answers 404, never 403.
 */
jest.setTimeout(180_000);

const ROLES = {
  anonymous: undefined,
  officerSame: 'officer.tirana',
  officerOther: 'officer.shkoder',
  supervisorSame: 'supervisor.tirana',
  supervisorOther: 'supervisor.shkoder',
  national: 'supervisor.national',
  /** In both groups, acting on the alert (or update) they submitted themselves. */
  ownSubmission: 'officer-supervisor.tirana',
} as const;
type Role = keyof typeof ROLES;
const ROLE_NAMES = Object.keys(ROLES) as Role[];

/** What a row needs to exist before the request: an alert in some state, or a pending subscription. */
type Setup = 'none' | 'pendingAlert' | 'activeAlert' | 'activeTip' | 'pendingUpdate' | 'pendingCode';

interface Row {
  setup: Setup;
  /** A valid body: the matrix tests authorization, not validation. */
  body?: (ctx: Context) => unknown;
  expected: Record<Role, number>;
}

interface Context {
  alertId?: string;
  version?: number;
  phone?: string;
  code?: string;
  tipId?: string;
}

const everyone = (status: number): Record<Role, number> =>
  Object.fromEntries(ROLE_NAMES.map((r) => [r, status])) as Record<Role, number>;
/** Police routes on an AL-11 alert: anonymous 401, other directorates 404, the rest as given. */
const onAlert = (same: Omit<Record<Role, number>, 'anonymous' | 'officerOther' | 'supervisorOther'>) => ({
  anonymous: 401,
  officerOther: 404,
  supervisorOther: 404,
  ...same,
});
const supervisorsOnly = (ok: number): Record<Role, number> => ({
  anonymous: 401,
  officerSame: 403,
  officerOther: 403,
  supervisorSame: ok,
  supervisorOther: ok,
  national: ok,
  ownSubmission: ok,
});

let phoneCounter = 0;
const nextPhone = () => `+3556923402${String(phoneCounter++).padStart(2, '0')}`;

const MATRIX: Record<string, Row> = {
  'POST /alerts': {
    setup: 'none',
    body: () => sampleSubmission({ counties: ['AL-11'] }),
    expected: {
      anonymous: 401,
      officerSame: 201,
      officerOther: 201,
      supervisorSame: 403,
      supervisorOther: 403,
      national: 403,
      ownSubmission: 201,
    },
  },
  // Officers only, as the submission it previews; nothing is stored.
  'POST /alerts/preview': {
    setup: 'none',
    body: () => sampleSubmission({ counties: ['AL-11'] }),
    expected: {
      anonymous: 401,
      officerSame: 200,
      officerOther: 200,
      supervisorSame: 403,
      supervisorOther: 403,
      national: 403,
      ownSubmission: 200,
    },
  },
  'GET /alerts': { setup: 'none', expected: { ...everyone(200), anonymous: 401 } },
  'GET /alerts/{id}': {
    setup: 'pendingAlert',
    expected: onAlert({ officerSame: 200, supervisorSame: 200, national: 200, ownSubmission: 200 }),
  },
  'POST /alerts/{id}/approval': {
    setup: 'pendingAlert',
    body: () => ({ decision: 'APPROVE' }),
    expected: onAlert({ officerSame: 403, supervisorSame: 200, national: 200, ownSubmission: 403 }),
  },
  'POST /alerts/{id}/resolution': {
    setup: 'activeAlert',
    body: () => ({ outcome: 'FOUND' }),
    expected: onAlert({ officerSame: 200, supervisorSame: 200, national: 200, ownSubmission: 200 }),
  },
  'POST /alerts/{id}/updates': {
    setup: 'activeAlert',
    body: () => ({ changes: { child: { description: 'Xhaketë blu, jo e kuqe' } } }),
    expected: onAlert({ officerSame: 201, supervisorSame: 403, national: 403, ownSubmission: 201 }),
  },
  'POST /alerts/{id}/updates/{version}/approval': {
    setup: 'pendingUpdate',
    body: () => ({ decision: 'APPROVE' }),
    expected: onAlert({ officerSame: 403, supervisorSame: 200, national: 200, ownSubmission: 403 }),
  },
  'POST /alerts/{id}/extension': {
    setup: 'activeAlert',
    body: () => ({ hours: 6 }),
    expected: onAlert({ officerSame: 403, supervisorSame: 200, national: 200, ownSubmission: 200 }),
  },
  'POST /drill-recipients': {
    setup: 'none',
    body: () => ({ phone: nextPhone(), language: 'sq' }),
    expected: supervisorsOnly(201),
  },
  'GET /drill-recipients': { setup: 'none', expected: supervisorsOnly(200) },
  'POST /drill-recipients/removal': {
    setup: 'none',
    body: () => ({ phone: nextPhone() }),
    expected: supervisorsOnly(200),
  },
  'GET /public/alerts': { setup: 'none', expected: everyone(200) },
  'GET /public/alerts/{id}': { setup: 'activeAlert', expected: everyone(200) },
  'POST /subscriptions': {
    setup: 'none',
    body: () => ({ phone: nextPhone(), counties: ['AL-11'], language: 'sq' }),
    expected: everyone(202),
  },
  'POST /subscriptions/confirm': {
    setup: 'pendingCode',
    body: (ctx) => ({ phone: ctx.phone, code: ctx.code }),
    expected: everyone(200),
  },
  // Same answer for any phone: it does not tell who is subscribed.
  'POST /subscriptions/unsubscribe': {
    setup: 'none',
    body: () => ({ phone: nextPhone() }),
    expected: everyone(202),
  },
  // Reaches the code check for anyone: a subscription code cannot unsubscribe (400 naming code).
  'POST /subscriptions/unsubscribe/confirm': {
    setup: 'pendingCode',
    body: (ctx) => ({ phone: ctx.phone, code: ctx.code }),
    expected: everyone(400),
  },
  'GET /public/alerts/{id}/cap': { setup: 'activeAlert', expected: everyone(200) },
  'GET /public/alerts/{id}/cap/{version}': { setup: 'activeAlert', expected: everyone(200) },
  'GET /public/feed.atom': { setup: 'none', expected: everyone(200) },
  'GET /a/{id}': { setup: 'activeAlert', expected: everyone(200) },
  // Tips: anyone sends one; only the alert's directorate (and NATIONAL) reads and triages them.
  'POST /public/alerts/{id}/tips': {
    setup: 'activeAlert',
    body: () => ({ message: 'Pashë një djalë me xhaketë të kuqe' }),
    expected: everyone(201),
  },
  'GET /alerts/{id}/tips': {
    setup: 'activeAlert',
    expected: onAlert({ officerSame: 200, supervisorSame: 200, national: 200, ownSubmission: 200 }),
  },
  'POST /alerts/{id}/tips/{tipId}/triage': {
    setup: 'activeTip',
    body: () => ({ state: 'REVIEWING' }),
    expected: onAlert({ officerSame: 200, supervisorSame: 200, national: 200, ownSubmission: 200 }),
  },
  // The public site's pages: anyone. The forms take only form bodies: a JSON body reaches the handler (415).
  'GET /': { setup: 'none', expected: everyone(200) },
  'GET /subscribe': { setup: 'none', expected: everyone(200) },
  'POST /subscribe': { setup: 'none', body: () => ({ phone: nextPhone() }), expected: everyone(415) },
  'POST /subscribe/confirm': { setup: 'none', body: () => ({ phone: nextPhone() }), expected: everyone(415) },
  'GET /unsubscribe': { setup: 'none', expected: everyone(200) },
  'POST /unsubscribe': { setup: 'none', body: () => ({ phone: nextPhone() }), expected: everyone(415) },
  'POST /unsubscribe/confirm': {
    setup: 'none',
    body: () => ({ phone: nextPhone() }),
    expected: everyone(415),
  },
};

const keyOf = (route: ApiRoute) => `${route.method} ${route.path}`;

describe('authorization matrix: every route × every role', () => {
  let dataDir: string;
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let api: ApiClient;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'amber-matrix-'));
    const seeded = JSON.parse(readFileSync(DEFAULT_USERS_FILE, 'utf8')) as { users: unknown[] };
    const usersFile = join(dataDir, 'users.json');
    writeFileSync(
      usersFile,
      JSON.stringify({
        users: [
          ...seeded.users,
          {
            username: ROLES.ownSubmission,
            sub: '5d0c3f8e-7c1b-4e7a-9a51-2f6f0e3b8c11',
            groups: ['officers', 'supervisors'],
            directorate: 'AL-11',
            email: 'officer-supervisor.tirana@amber.local',
          },
        ],
      }),
    );
    platform = await startPlatform({
      port: 0,
      dataDir,
      quiet: true,
      usersFile,
      env: {
        AMBER_TIME_SCALE: '3600',
        AMBER_APPROVAL_TIMEOUT_MINUTES: '1440',
        AMBER_SMS_RATE_PER_SECOND: '200',
        // The matrix asks for codes once per role and route; the code rate limit has tests of its own.
        AMBER_CODES_PER_PHONE_PER_HOUR: '1000',
        AMBER_CODES_PER_CLIENT_PER_HOUR: '1000',
      },
    });
    api = new ApiClient(platform.url);
  });

  afterAll(async () => {
    await platform?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The submitter: the role itself when it acts on its own submission, another officer otherwise. */
  const submitterFor = (role: Role) => (role === 'ownSubmission' ? ROLES.ownSubmission : 'officer2.tirana');

  async function pendingAlert(role: Role): Promise<string> {
    const res = await api.request('POST', '/alerts', {
      as: submitterFor(role),
      body: sampleSubmission({ counties: ['AL-11'] }),
    });
    if (res.status !== 201) throw new Error(`setup: submission ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  }

  async function activeAlert(): Promise<string> {
    const id = await pendingAlert('officerSame');
    const res = await api.request('POST', `/alerts/${id}/approval`, {
      as: 'supervisor.tirana',
      body: { decision: 'APPROVE' },
    });
    if (res.status !== 200) throw new Error(`setup: approval ${res.status} ${JSON.stringify(res.body)}`);
    await api.waitForAlert(id, 'supervisor.tirana', (a) => a.status === 'ACTIVE');
    return id;
  }

  async function prepare(setup: Setup, role: Role): Promise<Context> {
    switch (setup) {
      case 'none':
        return {};
      case 'pendingAlert':
        return { alertId: await pendingAlert(role) };
      case 'activeAlert':
        return { alertId: await activeAlert(), version: 1 };
      case 'activeTip': {
        const alertId = await activeAlert();
        const res = await api.request('POST', `/public/alerts/${alertId}/tips`, {
          body: { message: 'E pashë te stacioni' },
        });
        if (res.status !== 201) throw new Error(`setup: tip ${res.status} ${JSON.stringify(res.body)}`);
        return { alertId, tipId: res.body.reference as string };
      }
      case 'pendingUpdate': {
        const alertId = await activeAlert();
        const res = await api.request('POST', `/alerts/${alertId}/updates`, {
          as: submitterFor(role),
          body: { changes: { child: { description: 'Xhaketë blu, jo e kuqe' } } },
        });
        if (res.status !== 201) throw new Error(`setup: update ${res.status} ${JSON.stringify(res.body)}`);
        const version = (res.body.updateRequest as { version: number } | undefined)?.version;
        return { alertId, ...(version === undefined ? {} : { version }) };
      }
      case 'pendingCode': {
        const phone = nextPhone();
        const before = (await api.sms(phone)).length;
        await api.request('POST', '/subscriptions', { body: { phone, counties: ['AL-11'], language: 'sq' } });
        const code = (await api.sms(phone)).slice(before)[0]?.body.match(/\b(\d{6})\b/)?.[1];
        return { phone, ...(code ? { code } : {}) };
      }
    }
  }

  const pathFor = (path: string, ctx: Context) =>
    path
      .replace('{id}', ctx.alertId ?? 'missing')
      .replace('{version}', String(ctx.version ?? 1))
      .replace('{tipId}', ctx.tipId ?? 'missing');

  test('every route of lib/api-routes.ts has a row, and every row a route', () => {
    const routes = API_ROUTES.map(keyOf);
    expect(routes.filter((key) => !(key in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((key) => !routes.includes(key))).toEqual([]);
  });

  describe.each(API_ROUTES.map((route) => [keyOf(route), route] as const))('%s', (key, route) => {
    test.each(ROLE_NAMES)('as %s', async (role) => {
      const row = MATRIX[key];
      if (!row) throw new Error(`No authorization expectation for ${key}: add a row to MATRIX in this file`);
      const ctx = await prepare(row.setup, role);
      const username = ROLES[role];
      const res = await api.request(route.method, pathFor(route.path, ctx), {
        ...(username ? { as: username } : {}),
        ...(row.body ? { body: row.body(ctx) } : {}),
      });
      const outcome = { status: res.status, body: res.status >= 400 ? res.body : undefined };
      expect(outcome).toMatchObject({ status: row.expected[role] });
      if (res.status >= 400) expect(typeof (res.body as { message?: unknown }).message).toBe('string');
    });
  });
});
