import '../support/env';
import fc from 'fast-check';
import { create } from 'xmlbuilder2';
import { buildAtomFeed, currentFeedItems } from '../../../lambdas/domain/public/atom-feed';
import { validateCap } from '../cap/cap-xml';
import { testConfig } from '../support/config';
import { issuedAlert } from './public-fixtures';

const config = testConfig();
const NOW = new Date('2024-05-01T12:00:00.000Z');

/** Text an officer can type: anything, with the replacement patterns of String.replace made likely. */
const officerText = (max: number) =>
  fc
    .array(
      fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 12 }),
        fc.constantFrom('$`', "$'", '$&', '$$', '$1', '$<n>', ']]>', '&amp;', '</content>', '</entry>'),
      ),
      { minLength: 1, maxLength: 6 },
    )
    .map((parts) => parts.join('').slice(0, max).trim() || 'x');

const inlineCap = (xml: string) =>
  /<content type="application\/cap\+xml">([\s\S]*?)<\/content><\/entry>/.exec(xml)?.[1] ?? '';

test('any officer text yields a well-formed feed whose inline CAP message is valid against the OASIS schema', async () => {
  // Well-formedness per run; the schema check once for every run's message (one xmllint start, not forty).
  const caps: string[] = [];
  fc.assert(
    fc.property(
      officerText(100),
      officerText(1000),
      officerText(200),
      officerText(20),
      (name, description, place, plate) => {
        const alert = issuedAlert({
          child: { name, age: 7, description },
          suspect: { description },
          vehicle: { plate, color: description.slice(0, 30) },
          lastSeen: { place, county: 'AL-11', at: '2024-05-01T07:30:00.000Z' },
        });
        const feed = buildAtomFeed(currentFeedItems([alert], NOW, config), NOW, config);
        expect(() => create(feed.xml)).not.toThrow();
        expect(feed.inline).toBe(1);
        const cap = inlineCap(feed.xml);
        expect(cap).toMatch(/^<alert /);
        caps.push(cap);
      },
    ),
    { numRuns: 40, examples: [['Jacket $` and $& here', "$' $$", 'Tiranë $`', 'AA$&1']] },
  );
  expect((await validateCap(caps)).errors).toEqual([]);
}, 30_000);
