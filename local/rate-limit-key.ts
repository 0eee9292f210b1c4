import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RateLimitKeySource } from '../lambdas/adapters/dynamodb/rate-limiter';

const KEY_FILE = 'rate-limit-key';

/**
 * The Secrets Manager stand-in for the rate-limit HMAC key: 32 random bytes generated on first start and kept
 * under the data dir (mode 0600), so that counters written before a restart are found after it.
 */
export function localRateLimitKey(dataDir: string): RateLimitKeySource {
  return async () => {
    const file = join(dataDir, KEY_FILE);
    try {
      return new Uint8Array(await readFile(file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await mkdir(dataDir, { recursive: true });
    // `wx`: two starts racing keep the first key.
    await writeFile(file, randomBytes(32), { flag: 'wx', mode: 0o600 }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
    return new Uint8Array(await readFile(file));
  };
}
