import { NATIONAL } from '../../../lambdas/config/config';
import type { Alert } from '../../../lambdas/domain/alert';
import { newAlertId } from '../../../lambdas/domain/alert-id';
import type { Principal } from '../../../lambdas/domain/identity';
import type { Submission } from '../../../lambdas/domain/schemas';
import { testConfig } from './config';
import { fakeApproval } from './fakes';

/** A request body as an officer's client would send it: valid, with every optional part present. */
export function aSubmissionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caseNumber: 'TR-2024-0001',
    child: {
      name: 'Arta Hoxha',
      age: 9,
      description: 'Short brown hair, red jacket, blue jeans',
      photoUrl: 'https://photos.example.org/arta.jpg',
    },
    suspect: { name: 'Unknown man', description: 'About 40, beard, black coat' },
    vehicle: { plate: 'AA123BB', make: 'Mercedes', model: 'C200', color: 'grey' },
    lastSeen: { place: 'Sheshi Skënderbej, Tiranë', county: 'AL-11', at: '2024-05-01T09:30:00+02:00' },
    counties: ['AL-11', 'AL-02'],
    criteria: { abductionBelieved: true, imminentDanger: true },
    ...overrides,
  };
}

/** The parsed form of aSubmissionBody(), as the use cases receive it. */
export function aSubmission(overrides: Partial<Submission> = {}): Submission {
  return {
    caseNumber: 'TR-2024-0001',
    mode: 'LIVE',
    child: { name: 'Arta Hoxha', age: 9, description: 'Short brown hair, red jacket, blue jeans' },
    lastSeen: { place: 'Sheshi Skënderbej, Tiranë', county: 'AL-11', at: '2024-05-01T07:30:00.000Z' },
    counties: ['AL-11', 'AL-02'],
    criteria: { abductionBelieved: true, imminentDanger: true },
    durationHours: 24,
    ...overrides,
  };
}

export function anAlert(overrides: Partial<Alert> = {}): Alert {
  const createdAt = '2024-05-01T09:50:00.000Z';
  const submittedBy = { sub: 'officer-tirana', username: 'officer.tirana' };
  return {
    id: newAlertId(),
    caseNumber: 'TR-2024-0001',
    mode: 'LIVE',
    status: 'PENDING_APPROVAL',
    directorate: 'AL-11',
    child: {
      name: 'Arta Hoxha',
      age: 9,
      description: 'Short brown hair, red jacket, blue jeans',
      photoUrl: 'https://photos.example.org/arta.jpg',
    },
    suspect: { description: 'About 40, beard, black coat' },
    vehicle: { plate: 'AA123BB', color: 'grey' },
    lastSeen: { place: 'Sheshi Skënderbej, Tiranë', county: 'AL-11', at: '2024-05-01T07:30:00.000Z' },
    counties: ['AL-11', 'AL-02'],
    criteria: { abductionBelieved: true, imminentDanger: true },
    durationHours: 24,
    submittedBy,
    createdAt,
    updatedAt: createdAt,
    approvalDeadline: '2024-05-01T10:50:00.000Z',
    broadcast: { recipients: 0, sent: 0, failed: 0 },
    history: [{ at: createdAt, actor: submittedBy, action: 'SUBMIT', from: null, to: 'PENDING_APPROVAL' }],
    ...overrides,
  };
}

/**
 * An alert that was approved and broadcast: what the public feed and resolution work with. Its approval is
 * signed (by the fake signer) over its fields, overrides included, as a supervisor's approval would be.
 */
export function anActiveAlert(overrides: Partial<Alert> = {}): Alert {
  const alert = activeAlertFields(overrides);
  return 'approvedContent' in overrides
    ? alert
    : { ...alert, approvedContent: fakeApproval(alert, testConfig()) };
}

function activeAlertFields(overrides: Partial<Alert>): Alert {
  return anAlert({
    status: 'ACTIVE',
    approvedBy: { sub: 'supervisor-tirana', username: 'supervisor.tirana' },
    approvedAt: '2024-05-01T09:55:00.000Z',
    activatedAt: '2024-05-01T09:56:00.000Z',
    expiresAt: '2024-05-02T09:56:00.000Z',
    broadcast: { recipients: 3, sent: 3, failed: 0 },
    ...overrides,
  });
}

export const officer = (overrides: Partial<Principal> = {}): Principal => ({
  sub: 'officer-tirana',
  username: 'officer.tirana',
  groups: ['officers'],
  directorate: 'AL-11',
  ...overrides,
});

export const supervisor = (overrides: Partial<Principal> = {}): Principal => ({
  sub: 'supervisor-tirana',
  username: 'supervisor.tirana',
  groups: ['supervisors'],
  directorate: 'AL-11',
  ...overrides,
});

export const nationalSupervisor = (overrides: Partial<Principal> = {}): Principal =>
  supervisor({
    sub: 'supervisor-national',
    username: 'supervisor.national',
    directorate: NATIONAL,
    ...overrides,
  });

/** A supervisor of another county's directorate (Shkodër): must not even learn that the alert exists. */
export const otherSupervisor = (overrides: Partial<Principal> = {}): Principal =>
  supervisor({
    sub: 'supervisor-shkoder',
    username: 'supervisor.shkoder',
    directorate: 'AL-10',
    ...overrides,
  });

/** Albanian mobile numbers in E.164, distinct per index. */
export const mobile = (i: number): string => `+35569${String(1_000_000 + i).padStart(7, '0')}`;
