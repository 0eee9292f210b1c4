import { expect, test } from '@playwright/test';
import { caseNumber, expectAccessible, fillAlertForm, lastCode, signInAs, smsTo } from './support';

/**
 * One live alert through every role, in the browser: the officer submits after reviewing the SMS, a second
 * officer is told why they cannot approve, the supervisor sees the audience and approves, the SMS reaches a
 * subscriber, the progress shows it sent, and the officer resolves it.
 */
test.describe.configure({ mode: 'serial' });

const SUBSCRIBER = '+355692349101';
let alertPath = '';

test('a member of the public subscribes through /subscribe with the code from the outbox', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'regjistrohuni' }).click();
  await page.getByLabel('Numri i celularit').fill('069 234 9101');
  await page.getByLabel('Tiranë').check();
  await page.getByLabel('Shqip').check();
  await page.getByRole('button', { name: 'Më dërgoni kodin' }).click();
  await expect(page.getByRole('heading', { name: 'Shkruani kodin' })).toBeVisible();
  await page.getByLabel('Kodi nga SMS-ja').fill(await lastCode(request, SUBSCRIBER));
  await page.getByRole('button', { name: 'Konfirmo' }).click();
  await expect(page.getByRole('heading', { name: 'Jeni regjistruar' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/subscribe');
});

test('the officer fills the form, reviews the SMS and submits', async ({ page }) => {
  await signInAs(page, 'officer.tirana');
  await fillAlertForm(page, {
    caseNumber: caseNumber('TR-LIVE'),
    childName: 'Arbër Hoxha',
    counties: ['Tiranë'],
  });
  await page.getByRole('button', { name: 'Shiko SMS-në para dërgimit' }).click();

  await expect(
    page.getByRole('heading', { name: 'Rishikimi: SMS-ja siç do ta marrin telefonat' }),
  ).toBeVisible();
  const sq = page.locator('figure[data-language="sq"]');
  await expect(sq.locator('.sms-body')).toContainText('Arber Hoxha');
  await expect(sq.locator('.sms-meta')).toContainText(/Kodimi: (GSM-7|UCS-2) · Pjesë: \d/);
  await expect(page.locator('figure[data-language="en"] .sms-body')).toContainText('AMBER');
  await expectAccessible(page, 'review');

  await page.getByRole('button', { name: 'Dërgo për miratim' }).click();
  await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'PENDING_APPROVAL');
  await expect(page.locator('[data-status]')).toContainText('Pret miratimin e një personi të dytë');
  alertPath = new URL(page.url()).hash;
});

test('a second officer is told why they cannot approve', async ({ page }) => {
  await signInAs(page, 'officer2.tirana');
  await page.goto(`/console/${alertPath}`);
  await expect(page.getByTestId('why-not')).toHaveText(
    'Vetëm një mbikëqyrës mund ta miratojë. Ju jeni oficer.',
  );
  await expect(page.getByRole('button', { name: 'Mirato' })).toHaveCount(0);
});

test('the supervisor sees the exact SMS and the audience per county, and approves', async ({
  page,
  request,
}) => {
  await signInAs(page, 'supervisor.tirana');
  await page.goto(`/console/${alertPath}`);
  await expect(page.locator('figure[data-language="sq"] .sms-body')).toContainText('Arber Hoxha');
  // Every confirmed subscriber of Tiranë, this test's among them (other tests subscribe phones there too).
  await expect(page.locator('li[data-county="AL-11"]')).toHaveText(/^Tiranë: [1-9]\d*$/);
  await expect(page.getByTestId('audience-total')).toHaveText(/^Gjithsej: [1-9]\d*$/);
  const audience = /\d+/.exec((await page.getByTestId('audience-total').textContent()) ?? '')?.[0] ?? '';
  await expectAccessible(page, 'approval');

  await page.getByRole('button', { name: 'Mirato', exact: true }).click();
  await page.getByRole('button', { name: 'Konfirmo: dërgo këtë alarm' }).click();

  // The page follows the workflow by itself: approved, broadcast, active, with the progress sent.
  await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'ACTIVE', { timeout: 30_000 });
  // Every phone of the audience the supervisor was shown (other tests subscribe phones in Tiranë too).
  await expect(page.getByTestId('sent')).toHaveText(audience);

  const alertId = alertPath.split('/').at(-1);
  const sms = (await smsTo(request, SUBSCRIBER)).filter((m) => m.alertId === alertId);
  expect(sms).toHaveLength(1);
  expect(sms[0]?.body).toContain(`/a/${alertId}`);
});

test('the public reads the alert page the SMS links to', async ({ page }) => {
  const alertId = alertPath.split('/').at(-1);
  await page.goto('/');
  await page.getByRole('link', { name: 'Arbër Hoxha' }).click();
  expect(new URL(page.url()).pathname).toBe(`/a/${alertId}`);
  await expect(page.locator('body')).toContainText('Arbër Hoxha');
});

test('the officer resolves the alert behind a confirmation', async ({ page, request }) => {
  await signInAs(page, 'officer.tirana');
  await page.goto(`/console/${alertPath}`);
  await page.getByRole('button', { name: 'Mbyll alarmin' }).click();
  await page.getByRole('button', { name: 'Konfirmo mbylljen' }).click();
  await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'RESOLVED');
  await expect(page.locator('[data-status]')).toContainText('Fëmija u gjet');

  const alertId = alertPath.split('/').at(-1);
  await expect
    .poll(async () => (await smsTo(request, SUBSCRIBER)).filter((m) => m.alertId === alertId).length)
    .toBe(2);
});
