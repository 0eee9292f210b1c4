import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAlertRepository } from '../../../lambdas/adapters/dynamodb/alert-repository';
import { loadResourceNames } from '../../../lambdas/config/config';
import { LOCAL_AWS, startDynalite } from '../../../local/dynamo';

/** A fresh temp dir per test; remove() deletes it with everything the test wrote. */
export async function tempDir(prefix = 'amber-local-'): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | false,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The alert repository over a fresh dynalite for the enclosing describe (started before its tests, closed
 * after them), so that a test checks a conditional write against DynamoDB's own evaluation.
 */
export function alertRepositoryOnDynalite(): { readonly repo: DynamoAlertRepository } {
  const handle = {} as { repo: DynamoAlertRepository };
  let dir: Awaited<ReturnType<typeof tempDir>> | undefined;
  let dynalite: Awaited<ReturnType<typeof startDynalite>> | undefined;
  let client: DynamoDBClient | undefined;
  beforeAll(async () => {
    dir = await tempDir();
    dynalite = await startDynalite({ dataDir: dir.path });
    client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: dynalite.endpoint });
    const documents = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    handle.repo = new DynamoAlertRepository(documents, loadResourceNames({}).alertsTable);
  });
  afterAll(async () => {
    client?.destroy();
    await dynalite?.close();
    await dir?.remove();
  });
  return handle;
}
