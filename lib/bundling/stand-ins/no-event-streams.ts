/**
 * Stands in for `@smithy/core/event-streams` in the Lambda bundles only (an esbuild alias in
 * lib/constructs/amber-function.ts). The SDK imports it lazily, for operations that stream events (a dynamic
 * import in @smithy/core's HttpProtocol), and no operation of this platform does: DynamoDB, SNS Publish, Step
 * Functions and KMS Sign/Verify are plain request/response. esbuild still bundles what a dynamic import names,
 * ~14 KB parsed at every cold start of every function. Should an operation with an event stream ever be
 * added, it fails with this message instead of silently misbehaving.
 */
const notBundled = () =>
  new Error(
    'Event streams are left out of the Lambda bundles (lib/constructs/amber-function.ts): remove the alias to use one',
  );

export class EventStreamSerde {
  constructor() {
    throw notBundled();
  }
}

export function eventStreamSerdeProvider(): never {
  throw notBundled();
}
