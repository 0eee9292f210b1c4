import '../../support/env';
import { renderAlertPage } from '../../../../lambdas/domain/public/alert-page';
import { broadcastMessage } from '../../../../lambdas/use-cases/broadcast/broadcast-message';
import { signApprovedContent } from '../../../../lambdas/use-cases/content-integrity';
import { getAtomFeed, getCapMessage } from '../../../../lambdas/use-cases/public-documents';
import { infos } from '../../cap/cap-xml';
import { anAlert, mobile } from '../../support/builders';
import { fakeDependencies } from '../../support/deps';

/**
 * A national broadcast takes minutes: the CAP Alert is issued when it starts, the alert activated when it
 * ends. Every document must still carry the alert's one expiry.
 */
test('the CAP Alert, the feed and the page carry the expiry of the alert, however long the broadcast took', async () => {
  const deps = fakeDependencies();
  deps.clock.set(new Date('2024-05-01T10:00:00.000Z'));
  for (let i = 1; i <= 5; i++) deps.subscribers.seedActive(mobile(i), ['AL-11']);
  const alert = anAlert({
    status: 'APPROVED',
    approvedAt: '2024-05-01T09:58:00.000Z',
    approvedBy: { sub: 'supervisor-tirana', username: 'supervisor.tirana' },
  });
  alert.approvedContent = await signApprovedContent(deps, alert);
  deps.alerts.seed(alert);
  // Each SMS takes a minute: the broadcast ends five minutes after it started.
  const send = deps.sms.send.bind(deps.sms);
  deps.sms.send = async (message) => {
    deps.clock.advance(60_000);
    return send(message);
  };

  await broadcastMessage(deps, alert.id, 'ALERT');

  const stored = deps.alerts.stored(alert.id);
  expect(stored.status).toBe('ACTIVE');
  const expiresAt = Date.parse(stored.expiresAt ?? '');
  const capExpiry = (xml: string) => infos(xml).map((info) => Date.parse(info.text('expires') ?? ''));
  const cap = await getCapMessage(deps, alert.id, 1);
  expect(capExpiry(cap)).toEqual([expiresAt, expiresAt]);
  const feed = (await getAtomFeed(deps)).xml;
  const inline = /<content type="application\/cap\+xml">([\s\S]*?)<\/content>/.exec(feed)?.[1] ?? '';
  expect(capExpiry(inline)).toEqual([expiresAt, expiresAt]);
  const page = renderAlertPage(stored, deps.config, 'en');
  const shown = /Active until<\/dt><dd><time datetime="([^"]+)">/.exec(page)?.[1];
  expect(Date.parse(shown ?? '')).toBe(expiresAt);
});
