import { loadConfig } from '../../../lambdas/config/config';
import type { Alert } from '../../../lambdas/domain/alert';

export const config = loadConfig({});

export const ALERT_ID = '3f2b8c1e-9a4d-4e21-b7c5-0d6f1a2b3c4d';

/** An active live alert in Tirana on a November afternoon (UTC+1), with a vehicle, suspect and photo. */
export function makeAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: ALERT_ID,
    caseNumber: 'TR-2026-0415',
    mode: 'LIVE',
    status: 'ACTIVE',
    directorate: 'AL-11',
    child: {
      name: 'Arbër Çela',
      age: 7,
      description: 'Flokë kafe, xhup i kuq',
      photoUrl: 'https://amber.example.org/photos/arber.jpg',
    },
    suspect: { name: 'Gëzim Kola', description: 'burrë rreth 40 vjeç, mjekër e zezë' },
    vehicle: { plate: 'AA 123 BB', make: 'Fiat', model: 'Punto', color: 'e kuqe' },
    lastSeen: { place: 'Rruga e Kavajës, Tiranë', county: 'AL-11', at: '2026-11-28T13:30:00Z' },
    counties: ['AL-11', 'AL-02'],
    criteria: { abductionBelieved: true, imminentDanger: true },
    durationHours: 24,
    submittedBy: { sub: 'officer-1', username: 'officer' },
    createdAt: '2026-11-28T13:35:00Z',
    updatedAt: '2026-11-28T13:40:00Z',
    approvalDeadline: '2026-11-28T14:35:00Z',
    approvedBy: { sub: 'supervisor-1', username: 'supervisor' },
    approvedAt: '2026-11-28T13:39:00Z',
    activatedAt: '2026-11-28T13:40:00Z',
    expiresAt: '2026-11-29T13:40:00Z',
    broadcast: { recipients: 0, sent: 0, failed: 0 },
    history: [],
    ...overrides,
  };
}

export const SENT = new Date('2026-11-28T13:40:00Z');
