import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoUsage {
  writeRequests: number;
  readRequests: number;
  /** Write request units as DynamoDB (here dynalite) reports them in ConsumedCapacity. */
  writeUnits: number;
  readUnits: number;
  /** Conditional writes refused: no ConsumedCapacity comes back, DynamoDB still bills 1 WRU each. */
  refusedWrites: number;
  /** While true, requests pass uncounted (the benchmark's own polling). */
  paused: boolean;
}

const MIDDLEWARE_NAME = 'amberBenchDynamoUsage';
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

interface Capacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

/**
 * Counts the requests of a client and asks DynamoDB for their ConsumedCapacity (ReturnConsumedCapacity
 * TOTAL is added to each request), so that the units come from the store's own item sizes.
 */
export function countDynamoUsage(client: DynamoDBDocumentClient): DynamoUsage {
  const usage: DynamoUsage = {
    writeRequests: 0,
    readRequests: 0,
    writeUnits: 0,
    readUnits: 0,
    refusedWrites: 0,
    paused: false,
  };
  // One counter per client at a time: a new count replaces the previous one.
  client.middlewareStack.remove(MIDDLEWARE_NAME);
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers: Record<string, string>; body?: unknown };
      const operation = request.headers['x-amz-target']?.split('.')[1] ?? '';
      const isWrite = WRITES.has(operation);
      if (usage.paused || (!isWrite && !READS.has(operation))) return next(args);
      if (isWrite) usage.writeRequests++;
      else usage.readRequests++;
      // The SDK serializes JSON bodies to a string or to bytes.
      const text =
        typeof request.body === 'string'
          ? request.body
          : request.body instanceof Uint8Array
            ? Buffer.from(request.body).toString('utf8')
            : undefined;
      if (text !== undefined) {
        const body = JSON.stringify({ ...JSON.parse(text), ReturnConsumedCapacity: 'TOTAL' });
        request.body = typeof request.body === 'string' ? body : new TextEncoder().encode(body);
        request.headers['content-length'] = String(Buffer.byteLength(body));
      }
      try {
        const result = await next(args);
        const consumed = (result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
        for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
          const units = c.CapacityUnits ?? (isWrite ? c.WriteCapacityUnits : c.ReadCapacityUnits) ?? 0;
          if (isWrite) usage.writeUnits += units;
          else usage.readUnits += units;
        }
        return result;
      } catch (error) {
        if (isWrite && (error as { name?: string }).name === 'ConditionalCheckFailedException') {
          usage.refusedWrites++;
        }
        throw error;
      }
    },
    { step: 'build', priority: 'high', name: MIDDLEWARE_NAME },
  );
  return usage;
}
