/** True when a DynamoDB write lost its condition: the item was not in the expected state. */
export function isConditionalCheckFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
