import { expect, test } from '@playwright/test';
import { expectAccessible } from './support';

/**
 * The public site: plain HTML with no script (axe itself is injected by the test), errors in words next to
 * their fields, in both languages, at phone and desktop sizes.
 */

test('the subscription form shows each problem in words, and keeps what was typed', async ({ page }) => {
  await page.goto('/subscribe?lang=en');
  await page.getByLabel('Mobile number').fill('12345');
  await page.getByRole('button', { name: 'Send me the code' }).click();
  await expect(page.locator('#phone-error')).toHaveText(
    'Enter an Albanian mobile number, for example 069 123 4567.',
  );
  await expect(page.locator('#counties-error')).toHaveText('Choose at least one county.');
  await expect(page.getByLabel('Mobile number')).toHaveValue('12345');
  await expectAccessible(page, 'subscribe with errors');
});

for (const language of ['sq', 'en'] as const) {
  for (const [size, viewport] of [
    ['phone', { width: 412, height: 915 }],
    ['desktop', { width: 1280, height: 900 }],
  ] as const) {
    test(`every public page is accessible: ${language}, ${size}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      for (const path of ['/', '/subscribe', '/unsubscribe', '/subscribe?done=1', '/unsubscribe?done=1']) {
        await page.goto(`${path}${path.includes('?') ? '&' : '?'}lang=${language}`);
        await expect(page.locator('html')).toHaveAttribute('lang', language);
        await expect(page.getByRole('main')).toHaveCount(1);
        await expect(page.locator('script')).toHaveCount(0);
        await expectAccessible(page, `${path} (${language}, ${size})`);
      }
    });
  }
}
