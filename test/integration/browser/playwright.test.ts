import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The Playwright suite (test/browser, playwright.config.ts) in a real Chromium, run from `npm test` so that
 * one command still covers everything. It starts its own local platform on another port.
 */
jest.setTimeout(25 * 60_000);

test('the browser tests of the console and the public site pass (npx playwright test)', () => {
  const run = spawnSync('npx', ['playwright', 'test'], {
    cwd: join(__dirname, '..', '..', '..'),
    encoding: 'utf8',
    // Playwright refuses to run when it believes Jest loaded it: the child gets no JEST_* variable.
    env: Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('JEST_'))),
    timeout: 24 * 60_000,
  });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  if (run.status !== 0) process.stderr.write(output);
  expect({ status: run.status, failed: /\d+ failed/.exec(output)?.[0] ?? null }).toEqual({
    status: 0,
    failed: null,
  });
  expect(output).toMatch(/\d+ passed/);
});
