import { randomUUID } from 'node:crypto';
import { DynamoAlertRepository } from '../../../lambdas/adapters/dynamodb/alert-repository';
import type { Alert, AuditEntry, IssuedMessage, UpdateRequest } from '../../../lambdas/domain/alert';
import { CaseNumberTakenError, ConcurrentChangeError } from '../../../lambdas/domain/errors';
import type { AlertRepository, TransitionRequest } from '../../../lambdas/ports/alert-repository';
import { anActiveAlert, anAlert } from '../../unit/support/builders';
import { InMemoryAlertRepository } from '../../unit/support/fakes';
import { tablesOnDynalite } from '../support/dynalite-tables';

/**
 * What the use cases rely on from the alerts table, run against the unit tests' fake and the DynamoDB adapter
 * on dynalite, which validates every request as DynamoDB does (an expression attribute name the expressions do
 * not use is a ValidationException there, a 500 in production) and evaluates its conditions.
 * The bench has no alert repository of its own.
 */
// Requests to dynalite take milliseconds, or seconds on a busy machine.
jest.setTimeout(30_000);
const dynamo = tablesOnDynalite();

const implementations: [string, () => AlertRepository][] = [
  ['in-memory fake', () => new InMemoryAlertRepository()],
  [
    'DynamoDB adapter on dynalite',
    () => new DynamoAlertRepository(dynamo.documents, dynamo.names.alertsTable),
  ],
];

const AT = '2024-05-01T10:00:00.000Z';
const supervisorActor = { sub: 'supervisor-tirana', username: 'supervisor.tirana' };
const entry = (action: AuditEntry['action'], from: Alert['status'], to: Alert['status']): AuditEntry => ({
  at: AT,
  actor: supervisorActor,
  action,
  from,
  to,
});
const uniqueCase = () => `TR-${randomUUID().slice(0, 8)}`;
const fresh = (overrides: Partial<Alert> = {}) => anAlert({ caseNumber: uniqueCase(), ...overrides });
const freshActive = (overrides: Partial<Alert> = {}) =>
  anActiveAlert({ caseNumber: uniqueCase(), ...overrides });

const approve = (id: string, extra: Partial<TransitionRequest> = {}): TransitionRequest => ({
  id,
  from: ['PENDING_APPROVAL'],
  to: 'APPROVED',
  entry: entry('APPROVE', 'PENDING_APPROVAL', 'APPROVED'),
  ...extra,
});

const updateRequest = (state: UpdateRequest['state'], version = 2): UpdateRequest => ({
  version,
  state,
  changes: { vehicle: { plate: 'BB456CC', color: 'white' } },
  submittedBy: { sub: 'officer-tirana', username: 'officer.tirana' },
  submittedAt: AT,
  deadline: '2024-05-01T11:00:00.000Z',
});

const issued = (version: number, kind: IssuedMessage['kind']): IssuedMessage => ({
  kind,
  version,
  sentAt: AT,
  capIdentifier: `amber.example.org.x.${version}`,
  content: { child: anActiveAlert().child, lastSeen: anActiveAlert().lastSeen, counties: ['AL-11'] },
});

/** A transition of an active alert that changes nothing but its history: what update decisions and extensions write. */
const touch = (id: string, extra: Partial<TransitionRequest>): TransitionRequest => ({
  id,
  from: ['ACTIVE'],
  to: 'ACTIVE',
  entry: entry('UPDATE_APPROVE', 'ACTIVE', 'ACTIVE'),
  ...extra,
});

describe.each(implementations)('AlertRepository contract: %s', (_name, make) => {
  let repo: AlertRepository;
  beforeEach(() => {
    repo = make();
  });

  describe('create and read', () => {
    test('an alert reads back as written; an unknown id reads as undefined', async () => {
      const alert = fresh();
      await repo.create(alert);
      await expect(repo.get(alert.id)).resolves.toEqual(alert);
      await expect(repo.get(randomUUID())).resolves.toBeUndefined();
    });

    test('a case number held by an open alert is a CaseNumberTakenError naming its holder, whatever its case or spacing', async () => {
      const first = fresh();
      await repo.create(first);
      const second = fresh({ caseNumber: ` ${first.caseNumber.toLowerCase()} ` });
      const refused = repo.create(second);
      await expect(refused).rejects.toBeInstanceOf(CaseNumberTakenError);
      await expect(refused).rejects.toMatchObject({
        holder: { id: first.id, directorate: first.directorate },
      });
      await expect(repo.get(second.id)).resolves.toBeUndefined();
    });

    test('live and exercise case numbers are apart: an open exercise does not hold the live number', async () => {
      const drill = fresh({ mode: 'EXERCISE' });
      await repo.create(drill);
      const live = fresh({ caseNumber: drill.caseNumber, mode: 'LIVE' });
      await repo.create(live);
      await expect(repo.get(live.id)).resolves.toEqual(live);
      await expect(
        repo.create(fresh({ caseNumber: drill.caseNumber, mode: 'EXERCISE' })),
      ).rejects.toBeInstanceOf(CaseNumberTakenError);
    });

    test('a case number whose alert has ended is free again', async () => {
      const first = fresh();
      await repo.create(first);
      await repo.transition({
        id: first.id,
        from: ['PENDING_APPROVAL'],
        to: 'REJECTED',
        entry: entry('REJECT', 'PENDING_APPROVAL', 'REJECTED'),
      });
      const second = fresh({ caseNumber: first.caseNumber });
      await repo.create(second);
      await expect(repo.get(second.id)).resolves.toMatchObject({ caseNumber: first.caseNumber });
    });

    test('lists by directorate (optionally of one status) and by status', async () => {
      const directorate = `AL-${randomUUID().slice(0, 6)}`;
      const pending = fresh({ directorate });
      const active = freshActive({ directorate });
      const elsewhere = fresh();
      for (const alert of [pending, active, elsewhere]) await repo.create(alert);
      const ids = (alerts: Alert[]) => alerts.map((a) => a.id).sort();
      expect(ids(await repo.listByDirectorate(directorate))).toEqual([pending.id, active.id].sort());
      expect(ids(await repo.listByDirectorate(directorate, 'ACTIVE'))).toEqual([active.id]);
      const mine = new Set([pending.id, active.id, elsewhere.id]);
      expect(ids((await repo.listByStatus('PENDING_APPROVAL')).filter((a) => mine.has(a.id)))).toEqual(
        [pending.id, elsewhere.id].sort(),
      );
    });
  });

  describe('conditional transitions', () => {
    test('changes the status, appends the entry and sets the attributes in one write; returns the alert as written', async () => {
      const alert = fresh();
      await repo.create(alert);
      const written = await repo.transition(
        approve(alert.id, { set: { approvedBy: supervisorActor, approvedAt: AT, failure: undefined } }),
      );
      expect(written).toMatchObject({ id: alert.id, status: 'APPROVED', approvedAt: AT, updatedAt: AT });
      expect(written.history.map((h) => h.action)).toEqual(['SUBMIT', 'APPROVE']);
      await expect(repo.get(alert.id)).resolves.toMatchObject({
        status: 'APPROVED',
        approvedBy: supervisorActor,
      });
    });

    test('a second decision on the same alert loses: ConcurrentChangeError, nothing written', async () => {
      const alert = fresh();
      await repo.create(alert);
      await repo.transition(approve(alert.id));
      await expect(repo.transition(approve(alert.id))).rejects.toBeInstanceOf(ConcurrentChangeError);
      expect((await repo.get(alert.id))?.history).toHaveLength(2);
    });

    test('an alert that does not exist cannot be transitioned', async () => {
      await expect(repo.transition(approve(randomUUID()))).rejects.toBeInstanceOf(ConcurrentChangeError);
    });

    test('notAfter: refused once the deadline has passed', async () => {
      const alert = fresh({ approvalDeadline: '2024-05-01T10:50:00.000Z' });
      await repo.create(alert);
      const late = approve(alert.id, {
        notAfter: { attribute: 'approvalDeadline', now: '2024-05-01T10:51:00.000Z' },
      });
      await expect(repo.transition(late)).rejects.toBeInstanceOf(ConcurrentChangeError);
      const inTime = approve(alert.id, {
        notAfter: { attribute: 'approvalDeadline', now: '2024-05-01T10:49:00.000Z' },
      });
      await expect(repo.transition(inTime)).resolves.toMatchObject({ status: 'APPROVED' });
    });

    test('unchanged: refused when the mode is not the one decided on', async () => {
      const alert = fresh({ mode: 'EXERCISE' });
      await repo.create(alert);
      await expect(
        repo.transition(approve(alert.id, { unchanged: { mode: 'LIVE' } })),
      ).rejects.toBeInstanceOf(ConcurrentChangeError);
      await expect(
        repo.transition(approve(alert.id, { unchanged: { mode: 'EXERCISE' } })),
      ).resolves.toMatchObject({
        status: 'APPROVED',
      });
    });

    test('updateRequest NONE: only while the alert has no update request', async () => {
      const free = freshActive();
      const busy = freshActive({ updateRequest: updateRequest('AWAITING_APPROVAL') });
      await repo.create(free);
      await repo.create(busy);
      const none = { updateRequest: { states: ['NONE' as const] } };
      await expect(repo.transition(touch(free.id, none))).resolves.toMatchObject({ status: 'ACTIVE' });
      await expect(repo.transition(touch(busy.id, none))).rejects.toBeInstanceOf(ConcurrentChangeError);
    });

    test('updateRequest states and version: one of two deciders of the same update wins', async () => {
      const alert = freshActive({ updateRequest: updateRequest('AWAITING_APPROVAL', 2) });
      await repo.create(alert);
      const decide = touch(alert.id, {
        updateRequest: { states: ['AWAITING_APPROVAL'], version: 2 },
        set: {
          updateRequest: { ...updateRequest('APPROVED', 2), decidedBy: supervisorActor, decidedAt: AT },
        },
      });
      await expect(repo.transition(decide)).resolves.toMatchObject({ updateRequest: { state: 'APPROVED' } });
      await expect(repo.transition(decide)).rejects.toBeInstanceOf(ConcurrentChangeError);
      const otherVersion = touch(alert.id, { updateRequest: { states: ['APPROVED'], version: 3 } });
      await expect(repo.transition(otherVersion)).rejects.toBeInstanceOf(ConcurrentChangeError);
    });

    test('updateRequest states without a version, and with NONE among them', async () => {
      const open = freshActive({ updateRequest: updateRequest('SENT') });
      const free = freshActive();
      await repo.create(open);
      await repo.create(free);
      const closed = { updateRequest: { states: ['NONE' as const, 'SENT' as const, 'REJECTED' as const] } };
      await expect(repo.transition(touch(open.id, closed))).resolves.toMatchObject({ status: 'ACTIVE' });
      await expect(repo.transition(touch(free.id, closed))).resolves.toMatchObject({ status: 'ACTIVE' });
      const awaiting = { updateRequest: { states: ['AWAITING_APPROVAL' as const] } };
      await expect(repo.transition(touch(open.id, awaiting))).rejects.toBeInstanceOf(ConcurrentChangeError);
      await expect(repo.transition(touch(free.id, awaiting))).rejects.toBeInstanceOf(ConcurrentChangeError);
    });

    test('updateRequest version alone (no state named): refused unless that version is open', async () => {
      const alert = freshActive({ updateRequest: updateRequest('APPROVED', 4) });
      await repo.create(alert);
      await expect(
        repo.transition(touch(alert.id, { updateRequest: { states: [], version: 3 } })),
      ).rejects.toBeInstanceOf(ConcurrentChangeError);
    });

    test('issuedMessages: a version counted from a stale list of messages loses', async () => {
      const alert = freshActive({ messages: [issued(1, 'ALERT')] });
      await repo.create(alert);
      const extend = (count: number) =>
        touch(alert.id, {
          issuedMessages: count,
          updateRequest: { states: ['NONE'] },
          set: { messages: [issued(1, 'ALERT'), issued(2, 'EXTENSION')] },
        });
      await expect(repo.transition(extend(1))).resolves.toMatchObject({
        messages: [{ version: 1 }, { version: 2 }],
      });
      await expect(repo.transition(extend(1))).rejects.toBeInstanceOf(ConcurrentChangeError);
    });

    test('issuedMessages 0 matches an alert without a message list', async () => {
      const alert = freshActive();
      await repo.create(alert);
      await expect(repo.transition(touch(alert.id, { issuedMessages: 1 }))).rejects.toBeInstanceOf(
        ConcurrentChangeError,
      );
      await expect(repo.transition(touch(alert.id, { issuedMessages: 0 }))).resolves.toMatchObject({
        status: 'ACTIVE',
      });
    });
  });

  describe('updates, progress and wait tokens', () => {
    test('update sets attributes and appends an optional entry without a status change', async () => {
      const alert = freshActive();
      await repo.create(alert);
      await repo.update(alert.id, { cancellationSentAt: AT }, entry('CANCELLATION_SENT', 'ACTIVE', 'ACTIVE'));
      await repo.update(alert.id, { approvalRequestedAt: AT });
      const stored = await repo.get(alert.id);
      expect(stored).toMatchObject({ status: 'ACTIVE', cancellationSentAt: AT, approvalRequestedAt: AT });
      expect(stored?.history.map((h) => h.action)).toEqual(['SUBMIT', 'CANCELLATION_SENT']);
    });

    test('update of an alert that does not exist is a ConcurrentChangeError and creates nothing', async () => {
      const id = randomUUID();
      await expect(repo.update(id, { approvalRequestedAt: AT })).rejects.toBeInstanceOf(
        ConcurrentChangeError,
      );
      await expect(repo.get(id)).resolves.toBeUndefined();
    });

    test('recordProgress: the figures only grow; a stale sum is refused', async () => {
      const alert = fresh({ status: 'APPROVED' });
      await repo.create(alert);
      const figures = (sent: number, failed: number) => ({
        recipients: 10,
        sent,
        failed,
        pending: 10 - sent - failed,
      });
      await expect(repo.recordProgress(alert.id, 'broadcast', figures(4, 1))).resolves.toBe(true);
      await expect(repo.recordProgress(alert.id, 'broadcast', figures(3, 1))).resolves.toBe(false);
      await expect(repo.recordProgress(alert.id, 'broadcast', figures(5, 0))).resolves.toBe(false);
      await expect(repo.recordProgress(alert.id, 'cancellation', figures(2, 0))).resolves.toBe(true);
      // No update request to carry the figures: refused, nothing created.
      await expect(repo.recordProgress(alert.id, 'updateRequest.delivery', figures(1, 0))).resolves.toBe(
        false,
      );
      const stored = await repo.get(alert.id);
      expect(stored).toMatchObject({ broadcast: figures(4, 1), cancellation: figures(2, 0) });
      expect(stored?.updateRequest).toBeUndefined();
      await expect(repo.recordProgress(randomUUID(), 'broadcast', figures(1, 0))).resolves.toBe(false);
    });

    test('recordProgress on the update request’s delivery, a nested attribute', async () => {
      const alert = freshActive({ updateRequest: updateRequest('APPROVED') });
      await repo.create(alert);
      const figures = { recipients: 5, sent: 2, failed: 0 };
      await expect(repo.recordProgress(alert.id, 'updateRequest.delivery', figures)).resolves.toBe(true);
      await expect(repo.get(alert.id)).resolves.toMatchObject({
        updateRequest: { state: 'APPROVED', version: 2, delivery: figures },
      });
    });

    test('setWaitToken: stored while the alert is in the awaited status, returned by the next transition', async () => {
      const alert = fresh();
      await repo.create(alert);
      await expect(repo.setWaitToken(alert.id, 'APPROVED', 'token-late')).resolves.toBe(false);
      await expect(repo.setWaitToken(alert.id, 'PENDING_APPROVAL', 'token-1')).resolves.toBe(true);
      await expect(repo.transition(approve(alert.id))).resolves.toMatchObject({ waitToken: 'token-1' });
    });
  });
});
