import { type CfnElement, Validations } from 'aws-cdk-lib';
import type { AmberStack } from './amber-stack';
import { API_ROUTES } from './api-routes';

/**
 * The cdk-nag findings (AwsSolutions and Serverless packs) this stack accepts, each with its reason, in one
 * place. test/cdk/nag.test.ts fails on any finding that is not acknowledged here.
 */
export function acknowledgeNagFindings(stack: AmberStack): void {
  const ack = (scope: Parameters<typeof Validations.of>[0], id: string, reason: string) =>
    Validations.of(scope).acknowledge({ id, reason });

  ack(
    stack.auth.userPool,
    'AwsSolutions-COG8',
    'A few hundred police users with mandatory MFA, strong passwords and short tokens; the Plus tier (threat protection) is a per-deployment cost decision.',
  );

  if (stack.twoWaySms)
    ack(
      stack.inboundSms.handler,
      'Serverless-SNSRedrivePolicy',
      'SNS retries delivery to the inbound SMS function itself; invocations that still fail go to the function dead-letter queue, so a STOP reply is not silently lost.',
    );

  ack(
    stack.rateLimitKey,
    'AwsSolutions-SMG4',
    'The HMAC key of the rate-limit counters, which live two hours: replacing the secret only resets the current windows, so it is rotated by redeploying a new one, without a rotation function.',
  );

  // The police console's distribution and bucket (lib/constructs/police-console.ts).
  ack(
    stack.console.bucket,
    'AwsSolutions-S1',
    "Holds only the console's public build (no data); it is read only by the distribution, through origin access control.",
  );
  const { distribution } = stack.console;
  ack(
    distribution,
    'AwsSolutions-CFR1',
    'The public site must reach everyone, and police officers travel; the console itself needs a Cognito sign-in with MFA.',
  );
  ack(
    distribution,
    'AwsSolutions-CFR2',
    'The API behind it has its regional WAF (lib/constructs/api-firewall.ts); a CloudFront web ACL must be created in us-east-1, a per-deployment choice.',
  );
  ack(
    distribution,
    'AwsSolutions-CFR3',
    "API Gateway keeps the API's access logs; CloudFront standard logs need an ACL-enabled log bucket, a per-deployment choice.",
  );
  ack(
    distribution,
    'AwsSolutions-CFR4',
    'The default *.cloudfront.net certificate allows no minimum TLS setting; a deployment with its own domain sets TLSv1.2_2021 with its certificate.',
  );

  // IAM wildcards that IAM cannot narrow further.
  ack(
    stack,
    'AwsSolutions-IAM5[Resource::*]',
    'sns:Publish to phone numbers (a phone is not an ARN), states:SendTask* (the task token names the execution), X-Ray PutTraceSegments and the state machine log delivery actions support no resource scoping.',
  );
  ack(
    stack,
    'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
    "CDK's grants on the tables' and topics' customer-managed keys: scoped to those keys; the wildcard covers the GenerateDataKey variants the SDK uses.",
  );
  ack(
    stack,
    'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
    "CDK's read-write grant on a table's customer-managed key: scoped to that key only.",
  );
  for (const table of Object.values(stack.data.tables)) {
    ack(
      stack,
      `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(table.node.defaultChild as CfnElement)}.Arn>/index/*]`,
      'Queries by the GSIs (byDirectorate, byStatus) of the same table; the grant is the table and its own indexes.',
    );
  }
  for (const fn of [stack.workflow.steps, stack.workflow.broadcast, stack.workflow.sendShard]) {
    const id = stack.getLogicalId(fn.node.defaultChild as CfnElement);
    ack(
      stack.workflow.stateMachine,
      `AwsSolutions-IAM5[Resource::<${id}.Arn>:*]`,
      'The state machine invokes versions and aliases of its own three functions only.',
    );
  }
  ack(
    stack.api.api,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
    "API Gateway's account-wide CloudWatch role: AWS's own policy for exactly this role, needed for access and execution logs.",
  );

  ack(
    stack.resilience.deadLetterQueue,
    'Serverless-SQSRedrivePolicy',
    'This is the terminal dead-letter queue: its messages raise the DeadLetters alarm and wait 14 days for a human.',
  );

  ack(
    stack.api.api,
    'AwsSolutions-APIG2',
    "The request validator checks parameters; bodies are validated by each handler against the same zod schema the route's model is generated from, so that a refusal names the field and the reason (API Gateway's body check can only say 'invalid body').",
  );

  // The public routes (lib/api-routes.ts, auth false) are public by design.
  for (const route of API_ROUTES.filter((r) => !r.auth)) {
    const method = stack.api.api.root.resourceForPath(route.path).node.tryFindChild(route.method);
    if (!method) continue;
    for (const id of ['AwsSolutions-APIG4', 'AwsSolutions-COG4']) {
      ack(
        method,
        id,
        'Public route (alerts for the public, SMS subscription): no authorization by design; rate-limited by WAF per client, stage throttling and per-phone limits in the handlers.',
      );
    }
  }
}
