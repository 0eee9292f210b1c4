import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the police console and the public site on the local platform (`npm test` runs them
 * through test/integration/browser/playwright.test.ts). Where Debian's chromium is installed
 * (/usr/bin/chromium, `apt-get install -y chromium`) it is used; elsewhere Playwright's own browser
 * (`npx playwright install chromium`). AMBER_CHROMIUM names another executable.
 */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const executablePath =
  process.env.AMBER_CHROMIUM ?? (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined);
const port = Number(process.env.AMBER_BROWSER_PORT ?? 3979);
const dataDir = join(tmpdir(), `amber-browser-${process.pid}`);

export default defineConfig({
  testDir: 'test/browser',
  testMatch: '**/*.spec.ts',
  // One platform, alerts shared by the flows; the machine running them may be small.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'sq-AL',
    timezoneId: 'Europe/Tirane',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // The console is bundled first, as `npm start` does.
    command: `npm run console:bundle && rm -rf ${dataDir} && npx tsx local/main.ts`,
    url: `http://127.0.0.1:${port}/health`,
    env: {
      PORT: String(port),
      AMBER_DATA_DIR: dataDir,
      AMBER_CODES_PER_PHONE_PER_HOUR: '1000',
      AMBER_CODES_PER_CLIENT_PER_HOUR: '1000',
    },
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'ignore',
  },
});
