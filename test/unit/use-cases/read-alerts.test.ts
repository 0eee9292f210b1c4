import '../support/env';
import { approvedContent } from '../../../lambdas/domain/approved-content';
import { ForbiddenError, NotFoundError } from '../../../lambdas/domain/errors';
import {
  getAlert,
  getPublicAlert,
  listAlerts,
  listPublicAlerts,
} from '../../../lambdas/use-cases/read-alerts';
import {
  anActiveAlert,
  anAlert,
  mobile,
  nationalSupervisor,
  officer,
  otherSupervisor,
  supervisor,
} from '../support/builders';
import { fakeDependencies } from '../support/deps';

describe('getAlert', () => {
  test('shows the police view without the wait token, with an estimate of recipients while pending', async () => {
    const deps = fakeDependencies();
    deps.subscribers
      .seedActive(mobile(1), ['AL-11'])
      .seedActive(mobile(2), ['AL-11', 'AL-02'])
      .seedActive(mobile(3), ['AL-05']);
    const alert = anAlert();
    deps.alerts.seed({ ...alert, waitToken: 'secret-token' });
    const view = await getAlert(deps, officer(), alert.id);
    expect(view).not.toHaveProperty('waitToken');
    expect(view.caseNumber).toBe(alert.caseNumber);
    // Counters count a phone once per county: an estimate.
    expect(view.estimatedRecipients).toBe(3);
  });

  test('while pending: recipients per county, and the SMS texts exactly as the approval signs them', async () => {
    const deps = fakeDependencies();
    deps.subscribers
      .seedActive(mobile(1), ['AL-11'])
      .seedActive(mobile(2), ['AL-11', 'AL-02'])
      .seedActive(mobile(3), ['AL-05']);
    const alert = anAlert({ counties: ['AL-11', 'AL-02'] });
    deps.alerts.seed(alert);
    const view = await getAlert(deps, supervisor(), alert.id);
    expect(view.estimatedRecipientsByCounty).toEqual({ 'AL-11': 2, 'AL-02': 1 });
    const signed = approvedContent(alert, deps.config).texts;
    expect(
      Object.fromEntries(Object.entries(view.pendingSms ?? {}).map(([l, sms]) => [l, sms.body])),
    ).toEqual(signed);
    const active = anActiveAlert();
    deps.alerts.seed(active);
    expect(await getAlert(deps, supervisor(), active.id)).not.toHaveProperty('pendingSms');
  });

  test('no estimate for an exercise or an alert that is no longer pending', async () => {
    const deps = fakeDependencies();
    const exercise = anAlert({ mode: 'EXERCISE' });
    const active = anActiveAlert();
    deps.alerts.seed(exercise, active);
    expect(await getAlert(deps, officer(), exercise.id)).not.toHaveProperty('estimatedRecipients');
    expect(await getAlert(deps, officer(), active.id)).not.toHaveProperty('estimatedRecipients');
  });

  test('another directorate and an unknown id are both NotFoundError', async () => {
    const deps = fakeDependencies();
    const alert = anAlert();
    deps.alerts.seed(alert);
    await expect(getAlert(deps, otherSupervisor(), alert.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getAlert(deps, officer(), 'f0000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe('listAlerts', () => {
  const deps = fakeDependencies();
  const tirana1 = anAlert({ directorate: 'AL-11', createdAt: '2024-05-01T08:00:00.000Z', caseNumber: 'T1' });
  const tirana2 = anActiveAlert({
    directorate: 'AL-11',
    createdAt: '2024-05-01T09:00:00.000Z',
    caseNumber: 'T2',
  });
  const shkoder = anAlert({ directorate: 'AL-10', createdAt: '2024-05-01T08:30:00.000Z', caseNumber: 'S1' });
  const national = anAlert({
    directorate: 'NATIONAL',
    createdAt: '2024-05-01T07:00:00.000Z',
    caseNumber: 'N1',
  });
  deps.alerts.seed({ ...tirana1, waitToken: 't' }, tirana2, shkoder, national);

  test('a directorate sees its own alerts, newest first, without wait tokens', async () => {
    const list = await listAlerts(deps, officer(), undefined);
    expect(list.map((a) => a.caseNumber)).toEqual(['T2', 'T1']);
    for (const a of list) expect(a).not.toHaveProperty('waitToken');
  });

  test('the national directorate sees every directorate’s alerts', async () => {
    const list = await listAlerts(deps, nationalSupervisor(), undefined);
    expect(list.map((a) => a.caseNumber)).toEqual(['T2', 'S1', 'T1', 'N1']);
  });

  test('filters on status', async () => {
    const list = await listAlerts(deps, nationalSupervisor(), 'ACTIVE');
    expect(list.map((a) => a.caseNumber)).toEqual(['T2']);
  });

  test('users outside the police groups may not list', async () => {
    await expect(listAlerts(deps, officer({ groups: [] }), undefined)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('public alerts', () => {
  const deps = fakeDependencies();
  const live = anActiveAlert({ caseNumber: 'LIVE' });
  const exercise = anActiveAlert({ mode: 'EXERCISE', caseNumber: 'EX' });
  const pending = anAlert({ caseNumber: 'PENDING' });
  deps.alerts.seed(live, exercise, pending);

  test('lists only active live alerts, with public fields only', async () => {
    const list = await listPublicAlerts(deps);
    expect(list.map((a) => a.id)).toEqual([live.id]);
    expect(list[0]).not.toHaveProperty('caseNumber');
    expect(list[0]).not.toHaveProperty('submittedBy');
  });

  test('a single public alert, or NotFoundError for an exercise or an alert not active', async () => {
    await expect(getPublicAlert(deps, live.id)).resolves.toMatchObject({ id: live.id, status: 'ACTIVE' });
    await expect(getPublicAlert(deps, exercise.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPublicAlert(deps, pending.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
