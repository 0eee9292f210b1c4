import '../support/env';
import type { Alert } from '../../../lambdas/domain/alert';
import type { Principal } from '../../../lambdas/domain/identity';
import { createHandler } from '../../../lambdas/handlers/api/decide-approval';
import { apiEvent, bodyOf, fieldsOf, invoke } from '../support/api-gateway';
import {
  anActiveAlert,
  anAlert,
  nationalSupervisor,
  officer,
  otherSupervisor,
  supervisor,
} from '../support/builders';
import { fakeDependencies } from '../support/deps';

function setup(overrides: Partial<Alert> = {}) {
  const deps = fakeDependencies();
  const alert = anAlert(overrides);
  deps.alerts.seed({ ...alert, waitToken: 'token-approval' });
  const handler = createHandler(deps);
  const decide = (body: unknown, principal: Principal | null = supervisor(), id = alert.id) =>
    invoke(
      handler,
      apiEvent({
        method: 'POST',
        path: `/alerts/${id}/approval`,
        resource: '/alerts/{id}/approval',
        pathParameters: { id },
        body,
        ...(principal ? { principal } : {}),
      }),
    );
  return { deps, alert, decide };
}

describe('POST /alerts/{id}/approval', () => {
  test('200 APPROVE: the approved alert, without its wait token; the workflow is woken', async () => {
    const { deps, alert, decide } = setup();
    const response = await decide({ decision: 'APPROVE' });
    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toMatchObject({
      id: alert.id,
      status: 'APPROVED',
      approvedBy: { sub: 'supervisor-tirana', username: 'supervisor.tirana' },
    });
    expect(bodyOf(response)).not.toHaveProperty('waitToken');
    expect(deps.workflow.woken).toEqual(['token-approval']);
  });

  test('200 REJECT with a reason', async () => {
    const { decide } = setup();
    const response = await decide({ decision: 'REJECT', reason: 'Not an abduction' });
    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toMatchObject({ status: 'REJECTED', rejectionReason: 'Not an abduction' });
  });

  test('200 for a national supervisor', async () => {
    const { decide } = setup();
    expect((await decide({ decision: 'APPROVE' }, nationalSupervisor())).statusCode).toBe(200);
  });

  test('400 REJECT without a reason names the reason field', async () => {
    const { decide, deps, alert } = setup();
    const response = await decide({ decision: 'REJECT' });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual({ reason: ['is required to reject'] });
    expect(deps.alerts.stored(alert.id).status).toBe('PENDING_APPROVAL');
  });

  test('400 for an unknown decision', async () => {
    const { decide } = setup();
    const response = await decide({ decision: 'YES' });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(response))).toEqual(['decision']);
  });

  test('401 without claims', async () => {
    const { decide } = setup();
    expect((await decide({ decision: 'APPROVE' }, null)).statusCode).toBe(401);
  });

  test('403 for an officer approving', async () => {
    const { decide, deps, alert } = setup();
    const response = await decide(
      { decision: 'APPROVE' },
      officer({ sub: 'officer-2', username: 'officer.two' }),
    );
    expect(response.statusCode).toBe(403);
    expect(bodyOf(response)).toEqual({ message: 'Only supervisors can approve or reject an alert' });
    expect(deps.alerts.stored(alert.id).status).toBe('PENDING_APPROVAL');
  });

  test('403 for the submitter approving their own alert', async () => {
    const { decide } = setup();
    const response = await decide({ decision: 'APPROVE' }, supervisor({ sub: 'officer-tirana' }));
    expect(response.statusCode).toBe(403);
    expect(bodyOf(response).message).toMatch(/second person/);
  });

  test('404 for a supervisor of another directorate, the same answer as for a missing alert', async () => {
    const { decide } = setup();
    const other = await decide({ decision: 'APPROVE' }, otherSupervisor());
    const missing = await decide({ decision: 'APPROVE' }, supervisor(), '0000000000');
    expect(other.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(other.body).toBe(missing.body);
  });

  test('404 for an id that cannot be an alert id', async () => {
    const { decide } = setup();
    expect((await decide({ decision: 'APPROVE' }, supervisor(), 'not-an-id')).statusCode).toBe(404);
  });

  test('409 for an alert that is not pending', async () => {
    const { deps, decide } = setup();
    const active = anActiveAlert();
    deps.alerts.seed(active);
    const response = await decide({ decision: 'APPROVE' }, supervisor(), active.id);
    expect(response.statusCode).toBe(409);
    expect(bodyOf(response)).toEqual({ message: 'Alert is ACTIVE, no longer pending approval' });
  });

  test('409 once the approval window has closed', async () => {
    const { deps, decide } = setup({ approvalDeadline: '2024-05-01T09:59:59.000Z' });
    const response = await decide({ decision: 'APPROVE' });
    expect(response.statusCode).toBe(409);
    expect(deps.workflow.woken).toEqual([]);
  });
});
