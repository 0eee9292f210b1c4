import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { ApprovalRequest, BroadcastStarting, Notifier } from '../../ports/notifier';

/**
 * Approval requests go to one SNS topic; each supervisor's email or SMS subscription filters on the
 * `directorate` attribute (their own and NATIONAL). The message names the alert and counties only.
 */
export class SnsNotifier implements Notifier {
  constructor(
    private readonly sns: SNSClient,
    private readonly approvalsTopicArn: string,
    private readonly publicBaseUrl: string,
    private readonly opsTopicArn = '',
  ) {}

  async broadcastStarting(event: BroadcastStarting): Promise<void> {
    await this.sns.send(
      new PublishCommand({
        TopicArn: this.opsTopicArn,
        Subject: 'AMBER Alert broadcast starting',
        Message: `Live AMBER Alert ${event.alertId} is being broadcast to ${event.recipients} phones in ${event.counties.join(', ')}.`,
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'BROADCAST_STARTING' } },
      }),
    );
  }

  async approvalRequested(request: ApprovalRequest): Promise<void> {
    const exercise = request.mode === 'EXERCISE' ? '[EXERCISE] ' : '';
    await this.sns.send(
      new PublishCommand({
        TopicArn: this.approvalsTopicArn,
        Subject: `${exercise}AMBER Alert awaiting approval`,
        Message: `${exercise}AMBER Alert ${request.alertId} for ${request.counties.join(', ')} awaits a second approval: ${this.publicBaseUrl}`,
        MessageAttributes: {
          directorate: { DataType: 'String', StringValue: request.directorate },
          kind: { DataType: 'String', StringValue: 'APPROVAL_REQUESTED' },
        },
      }),
    );
  }
}
