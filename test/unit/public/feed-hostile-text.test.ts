import '../support/env';
import { Readable } from 'node:stream';
import FeedParser from 'feedparser';
import { buildAtomFeed, currentFeedItems } from '../../../lambdas/domain/public/atom-feed';
import { validateCap } from '../cap/cap-xml';
import { testConfig } from '../support/config';
import { issuedAlert } from './public-fixtures';

const config = testConfig();
const NOW = new Date('2024-05-01T12:00:00.000Z');

function parseTitles(xml: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({ strict: true });
    const titles: string[] = [];
    parser.on('error', reject);
    parser.on('readable', () => {
      for (let item = parser.read(); item; item = parser.read()) titles.push(item.title);
    });
    parser.on('end', () => resolve(titles));
    Readable.from([xml]).pipe(parser);
  });
}

test('names and descriptions with markup, entity look-alikes, quotes and emoji reach the reader as typed', async () => {
  const name = `Ana <b>&amp; "Leka" 'Xh' ]]> &foo; &#38; 😀\u0007`;
  const alert = issuedAlert({ child: { name, age: 7, description: '<script>alert(1)</script> & "x"' } });
  const feed = buildAtomFeed(currentFeedItems([alert], NOW, config), NOW, config);

  const [title] = await parseTitles(feed.xml);
  // Written escaped (the control character cannot be written in XML at all)…
  expect(feed.xml).toContain(
    `Ana &lt;b&gt;&amp;amp; &quot;Leka&quot; &apos;Xh&apos; ]]&gt; &amp;foo; &amp;#38; 😀,`,
  );
  // …and read back as typed (feedparser strips what looks like HTML tags from titles).
  expect(title).toContain(`Ana &amp; "Leka" 'Xh' ]]> &foo; &#38; 😀,`);
  expect(feed.xml).not.toContain('<script>');
  const cap = /<content type="application\/cap\+xml">([\s\S]*?)<\/content>/.exec(feed.xml)?.[1] ?? '';
  expect((await validateCap([cap])).errors).toEqual([]);
});
