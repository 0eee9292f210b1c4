import '../support/env';
import type { Alert } from '../../../lambdas/domain/alert';
import { createHandler as alertPageHandler } from '../../../lambdas/handlers/api/alert-page';
import { createHandler as publicAlertsHandler } from '../../../lambdas/handlers/api/public-alerts';
import { createHandler as publicCapHandler } from '../../../lambdas/handlers/api/public-cap';
import { logger } from '../../../lambdas/observability/logger';
import {
  assertApprovedContent,
  ContentIntegrityError,
  signApprovedContent,
} from '../../../lambdas/use-cases/content-integrity';
import { apiEvent, invoke } from '../support/api-gateway';
import { fakeDependencies } from '../support/deps';
import { issued, issuedAlert } from './public-fixtures';

const NOW = new Date('2024-05-01T12:00:00.000Z');

/** A live alert as the platform stores it: approved (signed), then issued with that content. */
async function approvedLiveAlert(deps: ReturnType<typeof fakeDependencies>): Promise<Alert> {
  const alert = issuedAlert({ messages: [] });
  alert.approvedContent = await signApprovedContent(deps, alert);
  const message = {
    ...issued(alert, 'ALERT', 1, '2024-05-01T09:55:30.000Z'),
    approval: alert.approvedContent,
  };
  return { ...alert, messages: [message] };
}

/** Someone with write access to the table changes the photo and the description after approval. */
function tampered(alert: Alert): Alert {
  const child = { ...alert.child, photoUrl: 'https://evil.example.org/other.jpg', description: 'Changed' };
  return {
    ...alert,
    child,
    messages: alert.messages?.map((m) => ({ ...m, content: { ...m.content, child } })),
  };
}

async function served(alert: Alert) {
  const deps = fakeDependencies();
  deps.clock.set(NOW);
  deps.alerts.seed(alert);
  const id = alert.id;
  const cap = publicCapHandler(deps);
  return {
    cap: await invoke(
      cap,
      apiEvent({
        path: `/public/alerts/${id}/cap/1`,
        resource: '/public/alerts/{id}/cap/{version}',
        pathParameters: { id, version: '1' },
      }),
    ),
    feed: await invoke(cap, apiEvent({ path: '/public/feed.atom', resource: '/public/feed.atom' })),
    page: await invoke(
      alertPageHandler(deps),
      apiEvent({ path: `/a/${id}`, resource: '/a/{id}', pathParameters: { id }, query: { lang: 'en' } }),
    ),
    view: await invoke(
      publicAlertsHandler(deps),
      apiEvent({ path: `/public/alerts/${id}`, resource: '/public/alerts/{id}', pathParameters: { id } }),
    ),
    list: await invoke(
      publicAlertsHandler(deps),
      apiEvent({ path: '/public/alerts', resource: '/public/alerts' }),
    ),
  };
}

describe('the approval signature covers everything the public sees', () => {
  test('content as approved is served everywhere', async () => {
    const deps = fakeDependencies();
    const alert = await approvedLiveAlert(deps);
    const out = await served(alert);
    expect([out.cap.statusCode, out.page.statusCode, out.view.statusCode]).toEqual([200, 200, 200]);
    expect(out.feed.body).toContain(alert.id);
    expect(out.list.body).toContain(alert.id);
  });

  test('a photo or description changed after approval is withheld from CAP, feed, page and JSON, and the alarm log line is written', async () => {
    const deps = fakeDependencies();
    const alert = tampered(await approvedLiveAlert(deps));
    const error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    try {
      const out = await served(alert);
      expect(out.cap.statusCode).toBe(404);
      expect(out.page.statusCode).toBe(404);
      expect(out.view.statusCode).toBe(404);
      for (const body of [out.cap.body, out.feed.body, out.page.body, out.view.body, out.list.body]) {
        expect(body).not.toContain('evil.example.org');
        expect(body).not.toContain('Changed');
      }
      expect(error).toHaveBeenCalledWith(
        expect.any(String),
        expect.objectContaining({ alertId: alert.id, failure: 'ContentIntegrityError' }),
      );
    } finally {
      error.mockRestore();
    }
  });

  test('the SMS sender refuses an alert whose photo changed after approval, though its texts did not', async () => {
    const deps = fakeDependencies();
    const alert = await approvedLiveAlert(deps);
    const photoOnly = { ...alert, child: { ...alert.child, photoUrl: 'https://evil.example.org/x.jpg' } };
    await expect(assertApprovedContent(deps, photoOnly)).rejects.toBeInstanceOf(ContentIntegrityError);
  });
});
