import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { FilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface TipAlarmsProps {
  /** The on-call team. */
  topic: ITopic;
  /** The log group of the function behind POST /public/alerts/{id}/tips. */
  submitTipLogs: ILogGroup;
  /** Inbox refusals (429 at an alert's limit) in 5 minutes that make a flood. */
  floodThreshold?: number;
}

const NAMESPACE = 'AmberAlert';

/**
 * Tips are a public door into the police's inbox. A flood (an alert's per-minute limit reached: the
 * handler logs `tipFlood`) pages the on-call team, who can tighten the WAF rule or look for a campaign;
 * a failed urgent-tip notice means a supervisor was not told that someone sees the child now.
 */
export class TipAlarms extends Construct {
  readonly flood: Alarm;
  readonly urgentNoticeFailed: Alarm;

  constructor(scope: Construct, id: string, { topic, submitTipLogs, floodThreshold = 50 }: TipAlarmsProps) {
    super(scope, id);
    const action = new SnsAction(topic);
    const floodRefusals = new MetricFilter(this, 'FloodRefusals', {
      logGroup: submitTipLogs,
      filterPattern: FilterPattern.numberValue('$.tipFlood', '=', 1),
      metricNamespace: NAMESPACE,
      metricName: 'TipFloodRefusals',
      metricValue: '1',
    });
    this.flood = new Alarm(this, 'Flood', {
      metric: floodRefusals.metric({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: floodThreshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription:
        'Tips refused at an alert’s per-minute limit: a flood of tips (a campaign, a bot). Check the WAF and the inbox.',
    });
    const noticeFailures = new MetricFilter(this, 'UrgentNoticeFailures', {
      logGroup: submitTipLogs,
      filterPattern: FilterPattern.stringValue('$.message', '=', 'Urgent tip notification failed'),
      metricNamespace: NAMESPACE,
      metricName: 'UrgentTipNoticeFailures',
      metricValue: '1',
    });
    this.urgentNoticeFailed = new Alarm(this, 'UrgentNoticeFailed', {
      metric: noticeFailures.metric({ period: Duration.minutes(1), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription:
        'An urgent ("seen now") tip was stored but its notice to the directorate failed: tell the supervisors.',
    });
    for (const alarm of [this.flood, this.urgentNoticeFailed]) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }
}
