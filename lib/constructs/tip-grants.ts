import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { ResourceEnvName } from './amber-function';

/**
 * Narrower than bindTable: exactly the DynamoDB actions a tips handler uses (on the table and its
 * indexes), the table key's decrypt (and encrypt when it writes), and the table's name in `envName`.
 */
export function grantTips(
  fn: LambdaFunction,
  table: ITable,
  envName: ResourceEnvName,
  actions: readonly `dynamodb:${string}`[],
): void {
  table.grant(fn, ...actions);
  const writes = actions.some((a) => /Put|Update|Delete|BatchWrite/.test(a));
  if (writes) table.encryptionKey?.grantEncryptDecrypt(fn);
  else table.encryptionKey?.grantDecrypt(fn);
  fn.addEnvironment(envName, table.tableName);
}
