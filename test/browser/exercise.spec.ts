import { expect, test } from '@playwright/test';
import { caseNumber, expectAccessible, fillAlertForm, lastCode, signInAs, smsTo } from './support';

/** An exercise shows its mode on every page and reaches the drill group only, never the public. */
test.describe.configure({ mode: 'serial' });

const DRILL_PHONE = '+355682349201';
const SUBSCRIBER = '+355692349202';
let alertPath = '';

test('the supervisor adds a phone to the drill group; a member of the public subscribes', async ({
  page,
  request,
}) => {
  await signInAs(page, 'supervisor.tirana');
  await page.getByRole('link', { name: 'Grupi i stërvitjes' }).click();
  await page.getByLabel('Telefoni').fill(DRILL_PHONE);
  await page.getByLabel('Gjuha').selectOption('en');
  await page.getByRole('button', { name: 'Shto' }).click();
  await expect(page.getByRole('status')).toHaveText('U shtua.');
  await expect(page.locator('.drill-list li')).not.toHaveCount(0);
  await expectAccessible(page, 'drill group');

  await request.post('/subscriptions', { data: { phone: SUBSCRIBER, counties: ['AL-11'], language: 'sq' } });
  const confirmed = await request.post('/subscriptions/confirm', {
    data: { phone: SUBSCRIBER, code: await lastCode(request, SUBSCRIBER) },
  });
  expect(confirmed.status()).toBe(200);
});

test('the officer submits an exercise: its mode is on the form, the review and the alert page', async ({
  page,
}) => {
  await signInAs(page, 'officer.tirana');
  await fillAlertForm(page, {
    caseNumber: caseNumber('TR-DRILL'),
    childName: 'Test Child',
    mode: 'EXERCISE',
    counties: ['Tiranë'],
  });
  const banner = page.locator('.mode-banner');
  await expect(banner).toHaveAttribute('data-mode', 'EXERCISE');
  await expect(banner).toHaveText('STËRVITJE — nuk i dërgohet publikut');
  await page.getByRole('button', { name: 'Shiko SMS-në para dërgimit' }).click();
  await expect(banner).toHaveText('STËRVITJE — nuk i dërgohet publikut');
  await page.getByRole('button', { name: 'Dërgo për miratim' }).click();
  await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'PENDING_APPROVAL');
  await expect(banner).toHaveText('STËRVITJE — nuk i dërgohet publikut');
  alertPath = new URL(page.url()).hash;

  await page.getByRole('link', { name: 'Alarmet' }).click();
  const alertId = alertPath.split('/').at(-1) ?? '';
  await expect(page.locator(`tr[data-alert-id="${alertId}"] [data-mode]`)).toHaveText(
    'STËRVITJE — nuk i dërgohet publikut',
  );
});

test('approved, it reaches the drill group only', async ({ page, request }) => {
  await signInAs(page, 'supervisor.tirana');
  await page.goto(`/console/${alertPath}`);
  await expect(page.locator('.mode-banner')).toHaveAttribute('data-mode', 'EXERCISE');
  await expect(
    page.getByText('Stërvitje: vetëm grupi i stërvitjes e merr, askush nga publiku.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Mirato', exact: true }).click();
  await page.getByRole('button', { name: 'Konfirmo: dërgo këtë alarm' }).click();
  await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'ACTIVE', { timeout: 30_000 });
  await expect(page.locator('.mode-banner')).toHaveAttribute('data-mode', 'EXERCISE');

  const alertId = alertPath.split('/').at(-1);
  await expect
    .poll(async () => (await smsTo(request, DRILL_PHONE)).filter((m) => m.alertId === alertId).length)
    .toBe(1);
  expect((await smsTo(request, SUBSCRIBER)).filter((m) => m.alertId === alertId)).toEqual([]);
  await page.goto('/');
  await expect(page.getByRole('main')).not.toContainText('Test Child');
});
