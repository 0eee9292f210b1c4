/**
 * What each AWS adapter sends, on which resource: the one declaration that the stack grants from
 * (lib/amber-stack.ts) and that test/cdk/grants.test.ts checks twice, against the SDK commands in each
 * adapter's code and against the adapters each handler's bundle wires. A command added to an adapter without
 * its action here, or an adapter wired without its grant, fails the build instead of AWS denying it.
 *
 * Plain data, no imports: the CDK app reads it without loading any adapter or SDK.
 */

/** The resources the functions reach, named as in RESOURCE_ENV (lambdas/config/config.ts); `phoneNumbers`
 * is SMS publishing, whose resource is `*` (a phone number is not an ARN). */
export type AwsResource =
  | 'alertsTable'
  | 'subscribersTable'
  | 'deliveriesTable'
  | 'tipsTable'
  | 'approvalsTopicArn'
  | 'opsTopicArn'
  | 'phoneNumbers'
  | 'stateMachineArn'
  | 'contentSigningKeyId';

export interface ResourceAccess {
  actions: readonly string[];
  /** DynamoDB only: the partition keys the adapter reads or writes (`dynamodb:LeadingKeys`), if it is limited to some. */
  leadingKeys?: readonly string[];
}

export type AdapterAccess = Partial<Record<AwsResource, ResourceAccess>>;

const ALERT_READS = ['dynamodb:GetItem', 'dynamodb:Query'];

export const ADAPTER_ACCESS = {
  DynamoAlertReader: { alertsTable: { actions: ALERT_READS } },
  DynamoAlertRepository: {
    alertsTable: { actions: [...ALERT_READS, 'dynamodb:PutItem', 'dynamodb:UpdateItem'] },
  },
  /** The retention purge: finds ended alerts by the byStatus index and blanks them in place. */
  DynamoAlertRetention: { alertsTable: { actions: ['dynamodb:Query', 'dynamodb:UpdateItem'] } },
  DynamoSubscriberRepository: {
    subscribersTable: {
      actions: [
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:Query',
      ],
    },
  },
  /** The county counters only: never a subscriber's item. */
  DynamoSubscriberCounter: { subscribersTable: { actions: ['dynamodb:Query'], leadingKeys: ['COUNTER'] } },
  /** Fixed-window counters of the codes, in the subscribers table. */
  DynamoRateLimiter: { subscribersTable: { actions: ['dynamodb:UpdateItem'] } },
  /** The same counters for tips, in the tips table. */
  DynamoTipRateLimiter: { tipsTable: { actions: ['dynamodb:UpdateItem'] } },
  DynamoDeliveryRepository: {
    deliveriesTable: {
      actions: [
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:Query',
      ],
    },
  },
  DynamoShardLedger: {
    deliveriesTable: {
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query'],
    },
  },
  /** Reads a message's shard layout, then deletes its records by key. */
  DynamoDeliveryPurge: {
    deliveriesTable: { actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchWriteItem'] },
  },
  /** Tips: stored by a conditional put, read back, triaged in place, listed by the byAlert index, and their
   * contacts removed (acknowledgement markers deleted) by the retention purge. */
  DynamoTipRepository: {
    tipsTable: {
      actions: [
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:Query',
        'dynamodb:BatchWriteItem',
      ],
    },
  },
  /** The alert view's tip counts: queries of the byAlert index only. */
  DynamoTipCounts: { tipsTable: { actions: ['dynamodb:Query'] } },
  /** A reply's alert: the phone's latest delivery, by the deliveries' byPhone index. */
  DynamoLatestDelivery: { deliveriesTable: { actions: ['dynamodb:Query'] } },
  /** Urgent tips: the directorate's supervisors, through the approvals topic. */
  SnsTipNotifier: { approvalsTopicArn: { actions: ['sns:Publish'] } },
  SnsNotifier: {
    approvalsTopicArn: { actions: ['sns:Publish'] },
    opsTopicArn: { actions: ['sns:Publish'] },
  },
  SnsSmsSender: { phoneNumbers: { actions: ['sns:Publish'] } },
  /** Sign (approvals) and verify (senders): each function is granted the one it uses. */
  KmsContentSigner: { contentSigningKeyId: { actions: ['kms:Sign', 'kms:Verify'] } },
  /** Start (submission) and task-token callbacks (decisions, waits), whose resource is `*`. */
  SfnWorkflowEngine: {
    stateMachineArn: { actions: ['states:StartExecution', 'states:SendTaskSuccess'] },
  },
} as const satisfies Record<string, AdapterAccess>;

export type AdapterName = keyof typeof ADAPTER_ACCESS;

/** The actions the given adapters send on one resource, and the partition keys they are limited to. */
export function accessTo(resource: AwsResource, adapters: readonly AdapterName[]): Required<ResourceAccess> {
  const actions = new Set<string>();
  let leadingKeys: Set<string> | undefined;
  let unlimited = false;
  for (const adapter of adapters) {
    const access = (ADAPTER_ACCESS[adapter] as AdapterAccess)[resource];
    if (!access) continue;
    for (const action of access.actions) actions.add(action);
    if (!access.leadingKeys) unlimited = true;
    else {
      leadingKeys ??= new Set();
      for (const key of access.leadingKeys) leadingKeys.add(key);
    }
  }
  return {
    actions: [...actions].sort(),
    leadingKeys: unlimited || !leadingKeys ? [] : [...leadingKeys].sort(),
  };
}
