import '../support/env';
import { createHandler as getAlertHandler } from '../../../lambdas/handlers/api/get-alert';
import { createHandler as listAlertsHandler } from '../../../lambdas/handlers/api/list-alerts';
import { createHandler as publicAlertsHandler } from '../../../lambdas/handlers/api/public-alerts';
import { apiEvent, bodyOf, fieldsOf, invoke } from '../support/api-gateway';
import {
  anActiveAlert,
  anAlert,
  mobile,
  nationalSupervisor,
  officer,
  otherSupervisor,
} from '../support/builders';
import { fakeDependencies } from '../support/deps';

const deps = fakeDependencies();
const pending = anAlert({ caseNumber: 'P-1', createdAt: '2024-05-01T09:00:00.000Z' });
const active = anActiveAlert({ caseNumber: 'A-1', createdAt: '2024-05-01T08:00:00.000Z' });
const exercise = anActiveAlert({
  caseNumber: 'E-1',
  mode: 'EXERCISE',
  createdAt: '2024-05-01T07:00:00.000Z',
});
const shkoder = anAlert({ caseNumber: 'S-1', directorate: 'AL-10', createdAt: '2024-05-01T06:00:00.000Z' });
deps.alerts.seed({ ...pending, waitToken: 'token-1' }, active, exercise, shkoder);
deps.subscribers.seedActive(mobile(1), ['AL-11']).seedActive(mobile(2), ['AL-02']);

describe('GET /alerts/{id}', () => {
  const handler = getAlertHandler(deps);
  const get = (id: string, principal = officer()) =>
    invoke(handler, apiEvent({ pathParameters: { id }, principal }));

  test('200 with the police view and the recipient estimate, without the wait token', async () => {
    const response = await get(pending.id);
    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toMatchObject({ id: pending.id, caseNumber: 'P-1', estimatedRecipients: 2 });
    expect(bodyOf(response)).not.toHaveProperty('waitToken');
  });

  test('404 for another directorate, and for an id of the wrong form', async () => {
    expect((await get(pending.id, otherSupervisor())).statusCode).toBe(404);
    expect((await get('../admin')).statusCode).toBe(404);
  });

  test('401 without claims', async () => {
    expect((await invoke(handler, apiEvent({ pathParameters: { id: pending.id } }))).statusCode).toBe(401);
  });
});

describe('GET /alerts', () => {
  const handler = listAlertsHandler(deps);
  const list = (query?: Record<string, string>, principal = officer()) =>
    invoke(handler, apiEvent({ path: '/alerts', principal, ...(query ? { query } : {}) }));
  const cases = (body: Record<string, unknown>) =>
    (body.items as { caseNumber: string }[]).map((a) => a.caseNumber);

  test('200 with the directorate’s alerts, newest first', async () => {
    const response = await list();
    expect(response.statusCode).toBe(200);
    expect(cases(bodyOf(response))).toEqual(['P-1', 'A-1', 'E-1']);
  });

  test('the national directorate sees all; ?status filters', async () => {
    expect(cases(bodyOf(await list(undefined, nationalSupervisor())))).toEqual(['P-1', 'A-1', 'E-1', 'S-1']);
    expect(cases(bodyOf(await list({ status: 'ACTIVE' })))).toEqual(['A-1', 'E-1']);
  });

  test('400 names an unknown status or parameter', async () => {
    const badStatus = await list({ status: 'OPEN' });
    expect(badStatus.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(badStatus))).toEqual(['status']);
    const unknown = await list({ limit: '5' });
    expect(fieldsOf(unknown)).toEqual({ limit: ['is not an allowed field'] });
  });

  test('401 without claims; 403 outside the police groups', async () => {
    expect((await invoke(handler, apiEvent({ path: '/alerts' }))).statusCode).toBe(401);
    expect((await list(undefined, officer({ groups: [] }))).statusCode).toBe(403);
  });
});

describe('GET /public/alerts[/{id}]', () => {
  const handler = publicAlertsHandler(deps);

  test('lists active live alerts with public fields only, cacheable for 30 s, without sign-in', async () => {
    const response = await invoke(handler, apiEvent({ path: '/public/alerts' }));
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['cache-control']).toBe('public, max-age=30');
    const items = bodyOf(response).items as Record<string, unknown>[];
    expect(items.map((a) => a.id)).toEqual([active.id]);
    for (const field of ['caseNumber', 'submittedBy', 'approvedBy', 'criteria', 'directorate', 'history']) {
      expect(items[0]).not.toHaveProperty(field);
    }
  });

  test('one alert by id; 404 for an exercise, a pending alert or a malformed id', async () => {
    const one = await invoke(handler, apiEvent({ pathParameters: { id: active.id } }));
    expect(one.statusCode).toBe(200);
    expect(bodyOf(one)).toMatchObject({ id: active.id, status: 'ACTIVE' });
    for (const id of [exercise.id, pending.id, 'x']) {
      expect((await invoke(handler, apiEvent({ pathParameters: { id } }))).statusCode).toBe(404);
    }
  });
});

describe('GET /alerts with a query parameter named like an Object.prototype member', () => {
  const handler = listAlertsHandler(deps);

  test.each(['constructor', 'toString', 'hasOwnProperty'])('?%s=1 → 400 naming it', async (name) => {
    const response = await invoke(
      handler,
      apiEvent({ path: '/alerts', principal: officer(), query: { [name]: '1' } }),
    );
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual({ [name]: ['is not an allowed field'] });
  });
});
