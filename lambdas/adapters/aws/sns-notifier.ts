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
    await this.toSupervisors(
      request,
      'APPROVAL_REQUESTED',
      'AMBER Alert awaiting approval',
      `awaits a second approval: ${this.publicBaseUrl}`,
    );
  }

  async approvalWithdrawn(request: ApprovalRequest): Promise<void> {
    await this.toSupervisors(
      request,
      'APPROVAL_WITHDRAWN',
      'AMBER Alert withdrawn before approval',
      'was withdrawn before approval: nothing was sent, nothing is left to approve.',
    );
  }

  private async toSupervisors(request: ApprovalRequest, kind: string, subject: string, says: string) {
    const exercise = request.mode === 'EXERCISE' ? '[EXERCISE] ' : '';
    await this.sns.send(
      new PublishCommand({
        TopicArn: this.approvalsTopicArn,
        Subject: `${exercise}${subject}`,
        Message: `${exercise}AMBER Alert ${request.alertId} for ${request.counties.join(', ')} ${says}`,
        MessageAttributes: {
          directorate: { DataType: 'String', StringValue: request.directorate },
          kind: { DataType: 'String', StringValue: kind },
        },
      }),
    );
  }
}
