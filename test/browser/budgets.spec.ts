import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

/** Issue #17's budgets, printed: the console's first load ≤ 150 KB of gzipped JavaScript. */
const CONSOLE_JS_BUDGET_KB = 150;
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

test('the console first load is within 150 KB of gzipped JavaScript (all its chunks are)', async ({
  page,
}) => {
  const scripts: string[] = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.url());
  });
  await page.goto('/console/');
  await expect(page.locator('main h1')).toBeVisible();
  const loaded = await Promise.all(
    scripts.map(async (url) => gzipSync(Buffer.from(await (await page.request.get(url)).body())).length),
  );
  const firstLoad = loaded.reduce((a, b) => a + b, 0);
  // Every chunk, the lazily loaded Cognito sign-in included (in AWS it loads on the first visit too).
  const assets = join(__dirname, '..', '..', 'console', 'dist', 'assets');
  const all = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(assets, f))).length, 0);
  process.stdout.write(
    `budget: console first load ${kb(firstLoad)} KB gzipped JS (${scripts.length} files), all chunks ${kb(all)} KB; budget ${CONSOLE_JS_BUDGET_KB} KB\n`,
  );
  expect(scripts.length).toBeGreaterThan(0);
  expect(kb(all)).toBeLessThanOrEqual(CONSOLE_JS_BUDGET_KB);
});
