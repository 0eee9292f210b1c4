import type { ApiClient } from '../../../local/api-client';
import { sampleSubmission } from '../../../local/sample-alert';
import { type Platform, startTestPlatform, type TestPlatform } from '../support/test-platform';

/**
 * Issue 6, item 7 on the local platform: after the retention period the purge removes the personal fields
 * of an ended alert and its delivery records; the audit trail and the counts stay, the public page, CAP and
 * feed no longer show the child; a second run changes nothing. POST /local/purge runs the daily job "as of"
 * a later date instead of waiting 30 days.
 */
jest.setTimeout(90_000);

const PHONE = '+355692360001';
const PERSONAL = [
  'Arbër',
  'Hoxha',
  'Arber',
  'xhaketë',
  'Parku Rinia',
  'AA 123 BC',
  'https://photos.example.org',
  'Ilir Dema',
  'at her aunt',
];

describe('local platform: personal data purged after retention', () => {
  let running: TestPlatform | undefined;
  let platform: Platform;
  let api: ApiClient;
  let id: string;

  beforeAll(async () => {
    running = await startTestPlatform('retention');
    ({ platform, api } = running);
    await api.subscribeAndConfirm(PHONE, ['AL-11'], 'sq');
    const submission = sampleSubmission({ counties: ['AL-11'] });
    const child = { ...(submission.child as object), photoUrl: 'https://photos.example.org/arber.jpg' };
    const submitted = await api.request('POST', '/alerts', {
      as: 'officer.tirana',
      body: { ...submission, child, suspect: { name: 'Ilir Dema', description: 'Burrë rreth 40 vjeç' } },
    });
    expect(submitted.status).toBe(201);
    id = submitted.body.id as string;
    const approved = await api.request('POST', `/alerts/${id}/approval`, {
      as: 'supervisor.tirana',
      body: { decision: 'APPROVE' },
    });
    expect(approved.status).toBe(200);
    await api.waitForAlert(id, 'officer.tirana', (a) => a.status === 'ACTIVE');
    const resolved = await api.request('POST', `/alerts/${id}/resolution`, {
      as: 'officer.tirana',
      body: { outcome: 'FOUND', note: 'Arbër Hoxha found at her aunt’s' },
    });
    expect(resolved.status).toBe(200);
    await api.waitForAlert(id, 'officer.tirana', (a) => typeof a.cancellationSentAt === 'string');
  });

  afterAll(async () => {
    await running?.close();
  });

  const publicDocuments = async () =>
    Promise.all(
      [`/public/alerts/${id}/cap`, '/public/feed.atom', `/a/${id}`].map(async (path) => {
        const res = await api.request('GET', path);
        return `${path} ${res.status} ${typeof res.body === 'string' ? res.body : JSON.stringify(res.body)}`;
      }),
    );
  const deliveryRecords = async () =>
    (await platform.deps.deliveries.page(`${id}#ALERT`)).items.length +
    (await platform.deps.deliveries.page(`${id}#CANCELLATION`)).items.length;
  const purge = async (at?: string) => {
    const res = await api.request('POST', '/local/purge', at ? { body: { at } } : {});
    expect(res.status).toBe(200);
    return res.body;
  };

  test('before the retention period ends, nothing is purged', async () => {
    expect(await purge()).toMatchObject({ purged: 0 });
    const alert = await api.request('GET', `/alerts/${id}`, { as: 'officer.tirana' });
    expect((alert.body.child as { name: string }).name).toBe('Arbër Hoxha');
    expect((await publicDocuments()).join('\n')).toContain('Arb');
    expect(await deliveryRecords()).toBe(2);
  });

  test('after it: no personal field left, audit trail and counts kept, delivery records gone; twice changes nothing', async () => {
    const before = (await api.request('GET', `/alerts/${id}`, { as: 'officer.tirana' })).body;
    const later = new Date(Date.now() + 31 * 86_400_000).toISOString();

    expect(await purge(later)).toMatchObject({ purged: 1, deliveriesDeleted: 2 });

    const res = await api.request('GET', `/alerts/${id}`, { as: 'officer.tirana' });
    expect(res.status).toBe(200);
    const after = res.body;
    const text = JSON.stringify(after);
    for (const personal of PERSONAL) expect(text).not.toContain(personal);
    expect(after).toMatchObject({
      status: 'RESOLVED',
      outcome: 'FOUND',
      child: { name: '[removed]', age: 7, description: '[removed]' },
      lastSeen: { place: '[removed]', county: 'AL-11' },
      counties: ['AL-11'],
      caseNumber: before.caseNumber,
      broadcast: before.broadcast,
      cancellation: before.cancellation,
    });
    expect(after).not.toHaveProperty('suspect');
    expect(after).not.toHaveProperty('vehicle');
    expect(after).not.toHaveProperty('resolutionNote');
    const history = after.history as { action: string; actor: { username: string }; at: string }[];
    const previous = before.history as typeof history;
    expect(history.slice(0, -1).map((e) => [e.action, e.actor.username, e.at])).toEqual(
      previous.map((e) => [e.action, e.actor.username, e.at]),
    );
    expect(history.at(-1)).toMatchObject({ action: 'PURGE', actor: { username: 'workflow' } });
    expect(await deliveryRecords()).toBe(0);

    const documents = (await publicDocuments()).join('\n');
    for (const personal of PERSONAL) expect(documents).not.toContain(personal);

    expect(await purge(later)).toMatchObject({ purged: 0, deliveriesDeleted: 0 });
    const again = (await api.request('GET', `/alerts/${id}`, { as: 'officer.tirana' })).body;
    expect(again).toEqual(after);
  });

  test('a malformed date is a JSON 400', async () => {
    const res = await api.request('POST', '/local/purge', { body: { at: 'tomorrow' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ fields: { at: ['must be an ISO 8601 date-time'] } });
  });
});
