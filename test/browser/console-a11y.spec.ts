import { expect, test } from '@playwright/test';
import { caseNumber, expectAccessible, signInAs } from './support';

/** axe on every screen of the console, in both languages, at phone and desktop sizes: 0 violations. */
let alertId = '';

test.beforeAll(async ({ request }) => {
  const token = async (username: string) =>
    ((await (await request.post('/local/token', { data: { username } })).json()) as { token: string }).token;
  const at = new Date(Date.now() - 30 * 60_000).toISOString();
  const response = await request.post('/alerts', {
    headers: { authorization: `Bearer ${await token('officer.tirana')}` },
    data: {
      caseNumber: caseNumber('TR-A11Y'),
      child: { name: 'Arta Kola', age: 9, description: 'Xhaketë blu' },
      lastSeen: { place: 'Durrës', county: 'AL-02', at },
      counties: ['AL-02', 'AL-11'],
      criteria: { abductionBelieved: true, imminentDanger: true },
    },
  });
  expect(response.status()).toBe(201);
  alertId = ((await response.json()) as { id: string }).id;
});

for (const language of ['sq', 'en'] as const) {
  for (const [size, viewport] of [
    ['phone', { width: 412, height: 915 }],
    ['desktop', { width: 1280, height: 900 }],
  ] as const) {
    test(`every console screen is accessible: ${language}, ${size}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto('/console/');
      await page.evaluate((lang) => {
        const web = globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } };
        web.localStorage.setItem('amber.language', lang);
      }, language);
      await page.reload();
      await expect(page.locator('.user-list button').first()).toBeVisible();
      await expectAccessible(page, `sign-in (${language}, ${size})`);

      await signInAs(page, 'supervisor.tirana', language);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      const screens = ['#/alerts', `#/alerts/${alertId}`, '#/drill'];
      for (const hash of screens) {
        await page.goto(`/console/${hash}`);
        await expect(page.locator('main h1')).toBeVisible();
        await expect(page.getByRole('main')).toHaveCount(1);
        await expectAccessible(page, `${hash} (${language}, ${size})`);
      }
      await signInAs(page, 'officer.tirana', language);
      await page.goto('/console/#/new');
      await expect(page.locator('main form')).toBeVisible();
      await expectAccessible(page, `new alert (${language}, ${size})`);
    });
  }
}
