import '../support/env';
import type { Principal } from '../../../lambdas/domain/identity';
import { createHandler } from '../../../lambdas/handlers/api/resolve-alert';
import { apiEvent, bodyOf, fieldsOf, invoke } from '../support/api-gateway';
import { anActiveAlert, anAlert, officer, otherSupervisor } from '../support/builders';
import { fakeDependencies } from '../support/deps';

function setup() {
  const deps = fakeDependencies();
  const alert = anActiveAlert();
  deps.alerts.seed({ ...alert, waitToken: 'token-resolution' });
  const handler = createHandler(deps);
  const resolve = (body: unknown, principal: Principal | null = officer(), id = alert.id) =>
    invoke(
      handler,
      apiEvent({ method: 'POST', pathParameters: { id }, body, ...(principal ? { principal } : {}) }),
    );
  return { deps, alert, resolve };
}

describe('POST /alerts/{id}/resolution', () => {
  test('200: the resolved alert; the workflow wakes to send the cancellation', async () => {
    const { deps, resolve } = setup();
    const response = await resolve({ outcome: 'FOUND', note: 'Found safe' });
    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toMatchObject({
      status: 'RESOLVED',
      outcome: 'FOUND',
      resolutionNote: 'Found safe',
    });
    expect(bodyOf(response)).not.toHaveProperty('waitToken');
    expect(deps.workflow.woken).toEqual(['token-resolution']);
  });

  test('400 for an unknown outcome, naming the field', async () => {
    const { resolve } = setup();
    const response = await resolve({ outcome: 'MAYBE' });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(response))).toEqual(['outcome']);
  });

  test('401 without claims', async () => {
    const { resolve } = setup();
    expect((await resolve({ outcome: 'FOUND' }, null)).statusCode).toBe(401);
  });

  test('404 for another directorate', async () => {
    const { resolve } = setup();
    expect((await resolve({ outcome: 'FOUND' }, otherSupervisor())).statusCode).toBe(404);
  });

  test('409 for an alert that has ended', async () => {
    const { deps, resolve } = setup();
    const expired = anAlert({ caseNumber: 'OTHER', status: 'EXPIRED' });
    deps.alerts.seed(expired);
    const response = await resolve({ outcome: 'FOUND' }, officer(), expired.id);
    expect(response.statusCode).toBe(409);
    expect(bodyOf(response)).toEqual({ message: 'Alert is EXPIRED, no longer open' });
  });
});
