import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, type Page } from '@playwright/test';

interface BrowserStorages {
  sessionStorage: { clear(): void };
  localStorage: { setItem(key: string, value: string): void };
}

/** Signs in on the local console's sign-in page, which lists the seeded users. */
export async function signInAs(page: Page, username: string, language: 'sq' | 'en' = 'sq'): Promise<void> {
  await page.goto('/console/');
  // Runs in the page: the browser's storages (this project's typecheck has no DOM library).
  await page.evaluate((lang) => {
    const web = globalThis as unknown as BrowserStorages;
    web.sessionStorage.clear();
    web.localStorage.setItem('amber.language', lang);
  }, language);
  await page.reload();
  const label = language === 'sq' ? `Hyr si ${username}` : `Sign in as ${username}`;
  await page.getByRole('button', { name: label, exact: true }).click();
  await expect(page.getByTestId('signed-in')).toContainText(username);
}

/** axe-core on the page as it is: no violation of any impact. */
export async function expectAccessible(page: Page, context: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const violations = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(violations, `axe violations on ${context}`).toEqual([]);
}

/** A wall-clock time some minutes ago, as a datetime-local control takes it in Tirana. */
export function minutesAgoInTirana(minutes: number): string {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Tirane',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(Date.now() - minutes * 60_000));
  return parts.replace(' ', 'T');
}

export interface SmsItem {
  to: string;
  body: string;
  alertId?: string;
  kind?: string;
}

export async function smsTo(request: APIRequestContext, phone: string): Promise<SmsItem[]> {
  const response = await request.get(`/local/sms?to=${encodeURIComponent(phone)}`);
  return ((await response.json()) as { items: SmsItem[] }).items;
}

/** The 6-digit code of the last SMS a phone got. */
export async function lastCode(request: APIRequestContext, phone: string): Promise<string> {
  const items = await smsTo(request, phone);
  const code = /\b(\d{6})\b/.exec(items.at(-1)?.body ?? '')?.[1];
  if (!code) throw new Error(`No code SMS for ${phone}`);
  return code;
}

let counter = 0;
/** A case number no other test uses (an open alert's case number cannot be submitted twice). */
export const caseNumber = (prefix: string) => `${prefix}-${Date.now() % 1e7}-${counter++}`;

/** Fills the new-alert form with a valid alert; the caller picks mode and counties. */
export async function fillAlertForm(
  page: Page,
  options: { caseNumber: string; childName: string; mode?: 'LIVE' | 'EXERCISE'; counties: string[] },
): Promise<void> {
  await page.getByRole('link', { name: 'Alarm i ri' }).click();
  await page.getByLabel('Numri i çështjes').fill(options.caseNumber);
  if (options.mode === 'EXERCISE') await page.getByLabel('STËRVITJE — nuk i dërgohet publikut').check();
  await page.getByLabel('Emri i fëmijës').fill(options.childName);
  await page.getByLabel('Mosha (vjeç)').fill('7');
  await page.getByLabel('Përshkrimi (veshja, shenjat)').fill('Flokë kafe, xhaketë e kuqe');
  await page.getByLabel('Targa (opsionale)').fill('AA 123 BC');
  await page.getByLabel('Vendi').fill('Parku Rinia, Tiranë');
  await page.getByLabel('Qarku').selectOption('AL-11');
  await page.getByLabel('Data dhe ora').fill(minutesAgoInTirana(30));
  for (const county of options.counties) await page.getByLabel(county, { exact: true }).check();
  await page.getByLabel('Besohet se fëmija është rrëmbyer').check();
  await page.getByLabel('Fëmija është në rrezik të afërt').check();
}
