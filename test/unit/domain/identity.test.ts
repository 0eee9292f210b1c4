import { ForbiddenError, NotFoundError } from '../../../lambdas/domain/errors';
import {
  assertCanDecide,
  assertCanList,
  assertCanResolve,
  assertCanSee,
  assertCanSubmit,
  canSee,
  isPolice,
  toActor,
} from '../../../lambdas/domain/identity';
import { anAlert, nationalSupervisor, officer, otherSupervisor, supervisor } from '../support/builders';

const alert = anAlert({
  directorate: 'AL-11',
  submittedBy: { sub: 'officer-tirana', username: 'officer.tirana' },
});
const citizen = officer({ sub: 'citizen', groups: [] });

describe('assertCanDecide (the two-person rule)', () => {
  test('a supervisor of the alert’s directorate who did not submit it may decide', () => {
    expect(() => assertCanDecide(alert, supervisor())).not.toThrow();
  });

  test('a national supervisor may decide for any directorate', () => {
    expect(() => assertCanDecide(alert, nationalSupervisor())).not.toThrow();
    expect(() => assertCanDecide({ ...alert, directorate: 'AL-01' }, nationalSupervisor())).not.toThrow();
  });

  test('the submitter may not approve their own alert, even as a supervisor: 403', () => {
    const selfApprover = supervisor({ sub: 'officer-tirana', groups: ['officers', 'supervisors'] });
    expect(() => assertCanDecide(alert, selfApprover)).toThrow(ForbiddenError);
    expect(() => assertCanDecide(alert, selfApprover)).toThrow(/second person/);
  });

  test('self-approval is refused for a national supervisor too', () => {
    const national = nationalSupervisor({ sub: 'national-1' });
    expect(() => assertCanDecide({ ...alert, submittedBy: toActor(national) }, national)).toThrow(
      ForbiddenError,
    );
  });

  test('an officer who is not a supervisor may not decide: 403', () => {
    const colleague = officer({ sub: 'officer-2', username: 'officer.two' });
    expect(() => assertCanDecide(alert, colleague)).toThrow(ForbiddenError);
    expect(() => assertCanDecide(alert, colleague)).toThrow(
      'Only supervisors can approve or reject an alert',
    );
  });

  test('a supervisor of another directorate gets NotFoundError (404), not 403, so the alert does not leak', () => {
    expect(() => assertCanDecide(alert, otherSupervisor())).toThrow(NotFoundError);
    expect(() => assertCanDecide(alert, otherSupervisor())).toThrow('Alert not found');
    expect(new NotFoundError().statusCode).toBe(404);
  });

  test('an officer of another directorate also gets 404, before the role is even considered', () => {
    expect(() => assertCanDecide(alert, officer({ sub: 'o-shkoder', directorate: 'AL-10' }))).toThrow(
      NotFoundError,
    );
  });
});

describe('canSee', () => {
  test.each([
    ['an officer of the same directorate', officer(), true],
    ['a supervisor of the same directorate', supervisor(), true],
    ['a national supervisor', nationalSupervisor(), true],
    ['a national officer', officer({ directorate: 'NATIONAL' }), true],
    ['a supervisor of another directorate', otherSupervisor(), false],
    ['a signed-in user in no police group', citizen, false],
    ['a national user in no police group', officer({ groups: [], directorate: 'NATIONAL' }), false],
  ])('%s → %p', (_who, principal, expected) => {
    expect(canSee(alert, principal)).toBe(expected);
  });
});

describe('the other guards', () => {
  test('only officers submit', () => {
    expect(() => assertCanSubmit(officer())).not.toThrow();
    expect(() => assertCanSubmit(supervisor())).toThrow(ForbiddenError);
    expect(() => assertCanSubmit(citizen)).toThrow(ForbiddenError);
  });

  test('only police list', () => {
    expect(() => assertCanList(officer())).not.toThrow();
    expect(() => assertCanList(supervisor())).not.toThrow();
    expect(() => assertCanList(citizen)).toThrow(ForbiddenError);
    expect(isPolice(citizen)).toBe(false);
  });

  test('seeing and resolving follow the directorate, with 404 outside it', () => {
    expect(() => assertCanSee(alert, officer())).not.toThrow();
    expect(() => assertCanResolve(alert, officer())).not.toThrow();
    expect(() => assertCanSee(alert, otherSupervisor())).toThrow(NotFoundError);
    expect(() => assertCanResolve(alert, otherSupervisor())).toThrow(NotFoundError);
  });

  test('toActor keeps only the identity', () => {
    expect(toActor(supervisor())).toEqual({ sub: 'supervisor-tirana', username: 'supervisor.tirana' });
  });
});
