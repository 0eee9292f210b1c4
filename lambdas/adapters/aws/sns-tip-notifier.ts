import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { TipNotifier, UrgentTips } from '../../ports/tip-notifier';

/**
 * Urgent tips go to the approvals topic, like approval requests: each supervisor's subscription filters on
 * `directorate` (their own and NATIONAL). The message names the alert and a count, never what was seen.
 */
export class SnsTipNotifier implements TipNotifier {
  constructor(
    private readonly sns: SNSClient,
    private readonly approvalsTopicArn: string,
  ) {}

  async urgentTips(notice: UrgentTips): Promise<void> {
    const exercise = notice.mode === 'EXERCISE' ? '[EXERCISE] ' : '';
    const tips = notice.count === 1 ? '1 urgent tip' : `${notice.count} urgent tips`;
    await this.sns.send(
      new PublishCommand({
        TopicArn: this.approvalsTopicArn,
        Subject: `${exercise}AMBER Alert: someone sees the child now`,
        Message: `${exercise}AMBER Alert ${notice.alertId}: ${tips} ("seen now") since the last notice. Read them in the alert's tip inbox.`,
        MessageAttributes: {
          directorate: { DataType: 'String', StringValue: notice.directorate },
          kind: { DataType: 'String', StringValue: 'URGENT_TIPS' },
        },
      }),
    );
  }
}
