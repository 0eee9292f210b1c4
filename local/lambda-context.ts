import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/**
 * The Lambda context object the handlers receive in AWS, for in-process invocations. Powertools reads its
 * names and request id, and middy times the handler out from getRemainingTimeInMillis(), so the deadline
 * is the function's configured timeout, as in AWS.
 */
export function lambdaContext(
  functionName: string,
  timeoutMs: number,
  awsRequestId: string = randomUUID(),
): Context {
  const deadline = Date.now() + timeoutMs;
  const unsupported = () => {
    throw new Error('Deprecated Lambda context callbacks are not supported locally; return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-central-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${functionName}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
