import '../support/env';
import { createHandler } from '../../../lambdas/handlers/api/submit-alert';
import { apiEvent, bodyOf, fieldsOf, invoke } from '../support/api-gateway';
import { aSubmissionBody, officer, supervisor } from '../support/builders';
import { fakeDependencies } from '../support/deps';

function setup() {
  const deps = fakeDependencies();
  deps.clock.set(new Date());
  const handler = createHandler(deps);
  const post = (body: unknown, principal = officer(), headers?: Record<string, string>) =>
    invoke(handler, apiEvent({ method: 'POST', path: '/alerts', body, principal, headers }));
  return { deps, handler, post };
}

describe('POST /alerts', () => {
  test('201 with the new alert, its Location, and no internals', async () => {
    const { deps, post } = setup();
    const response = await post(aSubmissionBody(), officer({ directorate: 'AL-02' }));

    expect(response.statusCode).toBe(201);
    const body = bodyOf(response);
    expect(body).toMatchObject({
      status: 'PENDING_APPROVAL',
      caseNumber: 'TR-2024-0001',
      mode: 'LIVE',
      durationHours: 24,
      directorate: 'AL-02',
      submittedBy: { sub: 'officer-tirana', username: 'officer.tirana' },
    });
    expect(body).not.toHaveProperty('waitToken');
    expect(response.headers?.location).toBe(`/alerts/${String(body.id)}`);
    expect(response.headers?.['content-type']).toBe('application/json; charset=utf-8');
    expect(deps.alerts.stored(String(body.id)).status).toBe('PENDING_APPROVAL');
    expect(deps.workflow.started).toEqual([body.id]);
  });

  test('400 names the missing field', async () => {
    const { post, deps } = setup();
    const body = aSubmissionBody();
    delete (body.child as Record<string, unknown>).age;
    const response = await post(body);
    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).message).toBe('Body is invalid');
    expect(fieldsOf(response)).toEqual({ 'child.age': ['is required'] });
    expect(deps.alerts.items.size).toBe(0);
  });

  test('400 names an unknown field, such as a directorate the officer tries to choose', async () => {
    const { post } = setup();
    const response = await post(aSubmissionBody({ directorate: 'NATIONAL' }));
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual({ directorate: ['is not an allowed field'] });
  });

  test('400 names each criterion that is not met', async () => {
    const { post } = setup();
    const response = await post(
      aSubmissionBody({ criteria: { abductionBelieved: true, imminentDanger: false } }),
    );
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual({
      'criteria.imminentDanger': ['is required to issue an AMBER Alert'],
    });
  });

  test('400 for a field of the wrong type says so, not "is required"', async () => {
    const { post } = setup();
    const response = await post(
      aSubmissionBody({ child: { ...(aSubmissionBody().child as object), age: 'nine' } }),
    );
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)['child.age']).toEqual([expect.stringContaining('expected number')]);
  });

  test('401 without claims, before the body is even read', async () => {
    const { handler } = setup();
    const response = await invoke(handler, apiEvent({ method: 'POST', body: '{not json' }));
    expect(response.statusCode).toBe(401);
    expect(bodyOf(response)).toEqual({ message: 'Authentication required' });
  });

  test('403 for a supervisor who is not an officer', async () => {
    const { post } = setup();
    const response = await post(aSubmissionBody(), supervisor());
    expect(response.statusCode).toBe(403);
    expect(bodyOf(response)).toEqual({ message: 'Only officers can submit an alert' });
  });

  test('409 for a case number of an open alert, naming that alert', async () => {
    const { post } = setup();
    const first = bodyOf(await post(aSubmissionBody()));
    const response = await post(aSubmissionBody());
    expect(response.statusCode).toBe(409);
    expect(bodyOf(response)).toEqual({
      message: expect.stringContaining(String(first.id)),
      alertId: first.id,
    });
  });

  test('503 when the workflow cannot start, and the alert is closed', async () => {
    const { post, deps } = setup();
    deps.workflow.startError = new Error('ServiceUnavailable');
    const response = await post(aSubmissionBody());
    expect(response.statusCode).toBe(503);
    expect(bodyOf(response).message).toMatch(/submit it again/);
    expect([...deps.alerts.items.values()].map((a) => a.status)).toEqual(['FAILED']);
  });

  test('415 for a form post', async () => {
    const { post } = setup();
    const response = await post('caseNumber=1', officer(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(response.statusCode).toBe(415);
  });

  test('500 without details when a dependency fails unexpectedly', async () => {
    const { post, deps } = setup();
    deps.alerts.create = async () => {
      throw new Error('ResourceNotFoundException: table amber-alerts');
    };
    const response = await post(aSubmissionBody());
    expect(response.statusCode).toBe(500);
    expect(bodyOf(response)).toEqual({ message: 'Internal server error' });
  });
});
