import '../support/env';
import { toPublicAlert } from '../../../lambdas/domain/alert';
import { renderAlertPage } from '../../../lambdas/domain/public/alert-page';
import { renderCodeForm, renderHome, renderPhoneForm } from '../../../lambdas/domain/public/site-pages';
import { anActiveAlert } from '../support/builders';
import { testConfig } from '../support/config';

/**
 * Issue #17's budget, printed: a public page with its CSS ≤ 30 KB, no JavaScript. The CSS is in the page,
 * so the page's bytes are the whole download (the child's photo aside).
 */
const PAGE_BUDGET_BYTES = 30 * 1024;

test('every public page with its CSS is within 30 KB and carries no script', () => {
  const config = testConfig();
  const alerts = Array.from({ length: 10 }, (_, i) =>
    anActiveAlert({
      child: {
        name: `Fëmija ${i}`,
        age: 7,
        description: 'x'.repeat(1000),
        photoUrl: 'https://example.org/p.jpg',
      },
    }),
  );
  const pages: Record<string, string> = {
    'home (10 active alerts)': renderHome(alerts.map(toPublicAlert), config, 'sq'),
    subscribe: renderPhoneForm('subscribe', config, 'sq', {}, { phone: true, counties: true }),
    unsubscribe: renderPhoneForm('unsubscribe', config, 'en'),
    code: renderCodeForm('subscribe', config, 'sq', '+355692340001', { code: true }),
    '/a/{id}': renderAlertPage(alerts[0] ?? anActiveAlert(), config, 'sq'),
  };
  const sizes = Object.entries(pages).map(([name, html]) => [name, Buffer.byteLength(html, 'utf8')] as const);
  process.stdout.write(
    `budget: public pages ${sizes.map(([n, b]) => `${n} ${(b / 1024).toFixed(1)} KB`).join(', ')}; budget 30 KB\n`,
  );
  for (const [name, bytes] of sizes) expect([name, bytes <= PAGE_BUDGET_BYTES]).toEqual([name, true]);
  for (const html of Object.values(pages)) expect(html).not.toMatch(/<script/i);
});
