import '../support/env';
import { buildAtomFeed, currentFeedItems } from '../../../lambdas/domain/public/atom-feed';
import { createHandler as alertPageHandler } from '../../../lambdas/handlers/api/alert-page';
import { createHandler as capHandler } from '../../../lambdas/handlers/api/public-cap';
import { extendAlert } from '../../../lambdas/use-cases/updates/extend-alert';
import { field, infos, validateCap } from '../cap/cap-xml';
import { apiEvent, invoke } from '../support/api-gateway';
import { supervisor } from '../support/builders';
import { fakeDependencies } from '../support/deps';
import { issuedAlert } from './public-fixtures';

/** After an extension, partners and the public see the later expiry: the CAP, the feed and the page. */

const OLD_EXPIRY = '2024-05-02T09:56:00.000Z';
const NEW_EXPIRY = '2024-05-02T21:56:00.000Z';

async function extended() {
  const deps = fakeDependencies();
  const alert = issuedAlert({ expiresAt: OLD_EXPIRY });
  deps.alerts.seed(alert);
  const stored = await extendAlert(deps, supervisor(), alert.id, { hours: 12 });
  expect(stored.expiresAt).toBe(NEW_EXPIRY);
  return { deps, alert: stored };
}

describe('documents of an extended alert', () => {
  test('GET …/cap serves the extension as the latest message; …/cap/1 is the Alert as issued', async () => {
    const { deps, alert } = await extended();
    const cap = capHandler(deps);
    const event = (version?: string) =>
      apiEvent({
        path: `/public/alerts/${alert.id}/cap${version ? `/${version}` : ''}`,
        resource: `/public/alerts/{id}/cap${version ? '/{version}' : ''}`,
        pathParameters: version ? { id: alert.id, version } : { id: alert.id },
      });
    const latest = (await invoke(cap, event())).body;
    const first = (await invoke(cap, event('1'))).body;
    expect((await validateCap([latest, first])).errors).toEqual([]);
    expect(field(latest, 'msgType')).toBe('Update');
    expect(field(latest, 'identifier')).toBe(`amber.example.org.${alert.id}.2`);
    expect(infos(latest)[0]?.text('expires')).toBe('2024-05-02T23:56:00+02:00');
    expect(infos(first)[0]?.text('expires')).toBe('2024-05-02T11:56:00+02:00');
  });

  test('the feed carries the extension, and keeps the alert past its old expiry', async () => {
    const { deps, alert } = await extended();
    const afterOldExpiry = new Date('2024-05-02T12:00:00.000Z');
    const items = currentFeedItems([alert], afterOldExpiry, deps.config);
    expect(items.map((i) => [i.message.kind, i.message.version])).toEqual([['EXTENSION', 2]]);
    const feed = buildAtomFeed(items, afterOldExpiry, deps.config);
    expect(feed.inline).toBe(1);
    expect(feed.xml).toContain(`<id>urn:cap:amber.example.org.${alert.id}.2</id>`);
    expect(feed.xml).toContain('<msgType>Update</msgType>');
    expect(feed.xml).toContain('<expires>2024-05-02T23:56:00+02:00</expires>');
    expect(feed.xml).not.toContain('<expires>2024-05-02T11:56:00+02:00</expires>');
    // Past the new expiry it drops out, as any expired alert.
    expect(currentFeedItems([alert], new Date('2024-05-02T22:00:00.000Z'), deps.config)).toEqual([]);
  });

  test('the page shows the new expiry, and the extension as the last update', async () => {
    const { deps, alert } = await extended();
    const page = alertPageHandler(deps);
    const event = apiEvent({
      path: `/a/${alert.id}`,
      resource: '/a/{id}',
      pathParameters: { id: alert.id },
      query: { lang: 'en' },
    });
    const html = (await invoke(page, event)).body;
    expect(html).toMatch(
      /<dt>Active until<\/dt><dd><time datetime="[^"]+">[^<]*23:56 \(UTC\+02:00\)<\/time><\/dd>/,
    );
    expect(html).toContain(`<time datetime="${deps.clock.now().toISOString()}">`);
  });
});
