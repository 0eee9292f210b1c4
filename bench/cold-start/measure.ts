import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BuiltBundle } from './build';

export interface InitSample {
  /** Fresh Node process, from spawn to exit: runtime start plus the module's top level (Lambda's Init Duration). */
  processMs: number;
  /** Inside that process: `await import(bundle)` alone. */
  importMs: number;
}

/** What Lambda sets besides the function's own variables (credentials are fake: nothing is called). */
const LAMBDA_ENV = {
  AWS_REGION: 'eu-central-1',
  AWS_DEFAULT_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'AKIDBENCH',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SESSION_TOKEN: 'bench',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/bench',
  TZ: ':UTC',
};

/** Loads the bundle in a fresh Node process, runs its top level and checks it exports a handler; never calls it. */
export function measureInit(bundle: BuiltBundle): InitSample {
  const url = pathToFileURL(path.join(bundle.dir, 'index.mjs')).href;
  const script = [
    'const started = performance.now();',
    `const mod = await import(${JSON.stringify(url)});`,
    'const elapsed = performance.now() - started;',
    "if (typeof mod.handler !== 'function') { console.error('no handler export'); process.exit(3); }",
    'process.stdout.write(String(elapsed));',
  ].join('\n');
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: bundle.dir,
    env: {
      PATH: process.env.PATH ?? '',
      ...LAMBDA_ENV,
      AWS_LAMBDA_FUNCTION_NAME: bundle.name.replaceAll('/', '-'),
      ...bundle.environment,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const processMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${bundle.name}: the bundle failed to load (${result.status}): ${result.stderr}`);
  }
  return { processMs, importMs: Number(result.stdout) };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Fisher-Yates: each round loads the bundles in another order, so that load changes on the machine spread evenly. */
export function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
