import '../support/env';
import { Readable } from 'node:stream';
import FeedParser from 'feedparser';
import { create } from 'xmlbuilder2';
import { buildAtomFeed, currentFeedItems } from '../../../lambdas/domain/public/atom-feed';
import { createHandler } from '../../../lambdas/handlers/api/public-cap';
import { validateCap } from '../cap/cap-xml';
import { apiEvent, invoke } from '../support/api-gateway';
import { testConfig } from '../support/config';
import { fakeDependencies } from '../support/deps';
import { issuedAlert, resolvedAlert } from './public-fixtures';

const config = testConfig();
const NOW = new Date('2024-05-01T12:00:00.000Z');

interface Parsed {
  meta: FeedParser.Meta;
  items: FeedParser.Item[];
}

/** Parses with feedparser, as an aggregator would; rejects on anything it cannot read. */
function parseFeed(xml: string): Promise<Parsed> {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({ strict: true });
    const items: FeedParser.Item[] = [];
    parser.on('error', reject);
    parser.on('readable', () => {
      for (let item = parser.read(); item; item = parser.read()) items.push(item);
    });
    parser.on('end', () => resolve({ meta: parser.meta, items }));
    Readable.from([xml]).pipe(parser);
  });
}

/** The CAP message inline in each entry's content (the feed must be well-formed XML first). */
function inlineCapMessages(xml: string): string[] {
  create(xml);
  return [...xml.matchAll(/<content type="application\/cap\+xml">([\s\S]*?)<\/content>/g)].map(
    (m) => m[1] ?? '',
  );
}

describe('the Atom feed', () => {
  const running = issuedAlert();
  const resolved = resolvedAlert();
  const expired = issuedAlert({ status: 'ACTIVE', expiresAt: '2024-05-01T11:00:00.000Z' });
  const exercise = issuedAlert({ mode: 'EXERCISE' });
  const resolvedLongAgo = resolvedAlert({ resolvedAt: '2024-04-30T11:00:00.000Z' });

  test('carries the running alert and the recent Cancel; expired, exercise and old resolutions drop out', () => {
    const items = currentFeedItems([running, resolved, expired, exercise, resolvedLongAgo], NOW, config);
    expect(items.map((i) => [i.alert.id, i.message.kind])).toEqual([
      [resolved.id, 'CANCELLATION'],
      [running.id, 'ALERT'],
    ]);
    // 24 hours after the resolution, the Cancel leaves too.
    const later = new Date('2024-05-02T10:00:01.000Z');
    expect(currentFeedItems([resolved], later, config)).toEqual([]);
  });

  test('parses as Atom 1.0 with feedparser; each entry carries its CAP message, valid against the OASIS schema', async () => {
    const feed = buildAtomFeed(currentFeedItems([running, resolved], NOW, config), NOW, config);
    const parsed = await parseFeed(feed.xml);
    expect(parsed.meta['#type']).toBe('atom');
    expect(parsed.meta['#version']).toBe('1.0');
    expect(parsed.meta.title).toBe('AMBER Alerts: Shqipëria');
    expect(parsed.items.map((i) => i.guid)).toEqual([
      `urn:cap:amber.example.org.${resolved.id}.2`,
      `urn:cap:amber.example.org.${running.id}.1`,
    ]);
    expect(parsed.items[1]?.title).toMatch(/Arta Hoxha/);
    expect(parsed.items[1]?.link).toBe(`https://amber.example.org/public/alerts/${running.id}/cap/1`);

    const caps = inlineCapMessages(feed.xml);
    expect(caps).toHaveLength(2);
    expect(caps[0]).toContain('<msgType>Cancel</msgType>');
    expect(caps[0]).toContain(`<references>amber.example.org,amber.example.org.${resolved.id}.1,`);
    expect(caps[1]).toContain('<msgType>Alert</msgType>');
    const validation = await validateCap(caps);
    expect(validation.errors).toEqual([]);
  });

  test('stays under its size limit: later entries only link to their CAP message, then are left out', async () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      issuedAlert({ child: { name: `Child ${i} ${'x'.repeat(90)}`, age: 9, description: 'd'.repeat(1000) } }),
    );
    const items = currentFeedItems(many, NOW, config);
    const full = buildAtomFeed(items, NOW, config);
    expect(full.inline).toBe(30);
    const limit = Math.floor(full.bytes / 3);
    const cut = buildAtomFeed(items, NOW, config, limit);
    expect(cut.bytes).toBeLessThan(limit);
    expect(cut.inline).toBeGreaterThan(0);
    expect(cut.inline).toBeLessThan(30);
    expect(cut.entries).toBeGreaterThan(cut.inline);
    const tiny = buildAtomFeed(items, NOW, config, 4000);
    expect(tiny.bytes).toBeLessThan(4000);
    expect(tiny.entries).toBeLessThan(30);
    expect((await parseFeed(cut.xml)).items).toHaveLength(cut.entries);
  });

  test('GET /public/feed.atom answers application/atom+xml', async () => {
    const deps = fakeDependencies();
    deps.clock.set(NOW);
    deps.alerts.seed(running, exercise);
    const res = await invoke(
      createHandler(deps),
      apiEvent({ path: '/public/feed.atom', resource: '/public/feed.atom' }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-type']).toBe('application/atom+xml; charset=utf-8');
    const parsed = await parseFeed(res.body);
    expect(parsed.items.map((i) => i.guid)).toEqual([`urn:cap:amber.example.org.${running.id}.1`]);
  });
});
