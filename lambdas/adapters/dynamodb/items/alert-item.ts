import * as z from 'zod/mini';
import { ALERT_STATUSES, type Alert, type AuditAction, type UpdateRequestState } from '../../../domain/alert';
import type { Same } from './parse-item';

/** An alert as stored in the alerts table: the schema of every alert read back (DynamoAlertReader). */

const str = z.string();
const num = z.number();
const actor = z.object({ sub: str, username: str });
const status = z.enum(ALERT_STATUSES);
const AUDIT_ACTIONS = [
  'SUBMIT',
  'APPROVE',
  'REJECT',
  'APPROVAL_TIMEOUT',
  'BROADCAST',
  'ACTIVATE',
  'RESOLVE',
  'CANCELLATION_SENT',
  'EXPIRE',
  'FAIL',
  'UPDATE_SUBMIT',
  'UPDATE_APPROVE',
  'UPDATE_REJECT',
  'UPDATE_TIMEOUT',
  'UPDATE_SENT',
  'EXTEND',
  'PURGE',
] as const satisfies readonly AuditAction[];
const UPDATE_STATES = [
  'AWAITING_APPROVAL',
  'APPROVED',
  'REJECTED',
  'TIMED_OUT',
  'SENT',
] as const satisfies readonly UpdateRequestState[];

// The submission's fields as stored: no length or range checks (those are the request's), and a purged
// alert keeps only what retention.ts leaves of them.
const child = z.object({ name: str, age: num, description: str, photoUrl: z.optional(str) });
const suspect = z.object({ name: z.optional(str), description: str });
const vehicle = z.object({
  plate: z.optional(str),
  make: z.optional(str),
  model: z.optional(str),
  color: z.optional(str),
});
const lastSeen = z.object({ place: str, county: str, at: str });
const signed = z.object({
  digest: str,
  signature: str,
  keyId: str,
  textsDigest: z.optional(str),
  publicDigest: z.optional(str),
  version: z.optional(num),
});
const outcome = z.enum(['FOUND', 'CANCELLED']);

const summary = z.object({
  recipients: num,
  sent: num,
  failed: num,
  pending: z.optional(num),
  ambiguousResent: z.optional(num),
  startedAt: z.optional(str),
  finishedAt: z.optional(str),
  ratePerSecond: z.optional(num),
  estimatedFinishAt: z.optional(str),
  updatedAt: z.optional(str),
});

const auditEntry = z.object({
  at: str,
  actor,
  action: z.enum(AUDIT_ACTIONS),
  from: z.nullable(status),
  to: status,
  reason: z.optional(str),
});

const updateRequest = z.object({
  version: num,
  state: z.enum(UPDATE_STATES),
  changes: z.object({
    child: z.optional(child),
    suspect: z.optional(suspect),
    vehicle: z.optional(vehicle),
    lastSeen: z.optional(lastSeen),
  }),
  note: z.optional(str),
  submittedBy: actor,
  submittedAt: str,
  deadline: str,
  decidedBy: z.optional(actor),
  decidedAt: z.optional(str),
  reason: z.optional(str),
  approvedContent: z.optional(signed),
  delivery: z.optional(summary),
});

const issuedMessage = z.object({
  kind: z.enum(['ALERT', 'UPDATE', 'EXTENSION', 'CANCELLATION']),
  version: num,
  sentAt: str,
  capIdentifier: str,
  content: z.object({
    child,
    suspect: z.optional(suspect),
    vehicle: z.optional(vehicle),
    lastSeen,
    counties: z.array(str),
    outcome: z.optional(outcome),
    expiresAt: z.optional(str),
  }),
  approval: z.optional(signed),
});

const alert = z.object({
  id: str,
  caseNumber: str,
  mode: z.enum(['LIVE', 'EXERCISE']),
  status,
  directorate: str,
  child,
  suspect: z.optional(suspect),
  vehicle: z.optional(vehicle),
  lastSeen,
  counties: z.array(str),
  criteria: z.object({ abductionBelieved: z.boolean(), imminentDanger: z.boolean() }),
  durationHours: num,
  submittedBy: actor,
  createdAt: str,
  updatedAt: str,
  approvalDeadline: str,
  approvedBy: z.optional(actor),
  approvedContent: z.optional(signed),
  approvedAt: z.optional(str),
  activatedAt: z.optional(str),
  expiresAt: z.optional(str),
  resolvedAt: z.optional(str),
  outcome: z.optional(outcome),
  resolutionNote: z.optional(str),
  rejectionReason: z.optional(str),
  failure: z.optional(str),
  approvalRequestedAt: z.optional(str),
  cancellationSentAt: z.optional(str),
  broadcast: summary,
  updateRequest: z.optional(updateRequest),
  messages: z.optional(z.array(issuedMessage)),
  cancellation: z.optional(summary),
  history: z.array(auditEntry),
  purgedAt: z.optional(str),
});

/** An alert item and the workflow's wait token kept beside it. */
export const alertItem = z.extend(alert, { waitToken: z.optional(str) });

/** A case-number reservation (`case#…`): the alert holding the number. */
export const caseReservationItem = z.object({ alertId: str });

// The schema is the domain type, field for field: adding a field to one and not the other fails to compile.
const alertMatchesDomain: Same<z.output<typeof alert>, Alert> = true;
void alertMatchesDomain;
