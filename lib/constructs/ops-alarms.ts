import { Duration } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  SingleValueWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface OpsAlarmsProps {
  /** Where alarms (and their recovery) go: the on-call team. */
  topic: ITopic;
  stateMachine: IStateMachine;
  api: RestApi;
  broadcast: IFunction;
  /** The workflow steps' log group: `Alert workflow failed` lines name the failure. */
  stepsLogGroup: ILogGroup;
  /** The functions that serve public documents: they log a withheld document as the steps log a refused send. */
  publicLogGroups?: readonly ILogGroup[];
  deadLetterQueue: IQueue;
  /** The account's SMS monthly spend limit in USD: the alarm fires at 80 % of it. */
  smsMonthlySpendLimitUsd: number;
  /** The log groups of the functions that send code SMS: they log when the hourly code budget is spent. */
  codeSmsLogGroups?: readonly ILogGroup[];
  /** The dashboard's name. */
  dashboardName: string;
}

const PERIOD = Duration.minutes(1);
const NAMESPACE = 'AmberAlert';
/** SNS reports SMS published straight to phone numbers under this dimension. */
const DIRECT_SMS = { PhoneNumber: 'PhoneNumberDirect' };
/** Above this share of failed SMS in 5 minutes, the public is not being reached. */
export const SMS_FAILURE_RATIO_THRESHOLD = 0.05;
export const SMS_SPEND_ALARM_SHARE = 0.8;
/** One metric for every function that sends code SMS (AmberAlert namespace). */
export const CODE_SMS_BUDGET_METRIC = 'CodeSmsBudgetExhausted';

/**
 * Alarms that page the on-call team. An AMBER Alert is rare and urgent, so the thresholds are "any":
 * one failed execution, one 5xx or one failed broadcast is worth a look.
 */
export class OpsAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OpsAlarmsProps) {
    super(scope, id);
    const action = new SnsAction(props.topic);
    const alarm = (alarmId: string, metric: IMetric, description: string, threshold = 1) => {
      const created = new Alarm(this, alarmId, {
        metric,
        threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
    };

    alarm(
      'WorkflowExecutionsFailed',
      props.stateMachine.metricFailed({ period: PERIOD, statistic: 'Sum' }),
      'An alert workflow execution failed: the alert is marked FAILED and needs a human.',
    );
    alarm(
      'Api5xx',
      props.api.deploymentStage.metricServerError({ period: PERIOD, statistic: 'Sum' }),
      'The API answered 5xx: officers or the public may be unable to submit, approve or subscribe.',
    );
    alarm(
      'BroadcastErrors',
      props.broadcast.metricErrors({ period: PERIOD, statistic: 'Sum' }),
      'The broadcast function failed: some subscribers may not have received the alert SMS.',
    );

    // The sender refused content that no longer matches the approval signature: someone changed an
    // approved alert. The workflow's failure step logs the error name (never the content).
    const integrityFailures = new MetricFilter(this, 'ContentIntegrityFailures', {
      logGroup: props.stepsLogGroup,
      filterPattern: FilterPattern.stringValue('$.failure', '=', 'ContentIntegrityError'),
      metricNamespace: NAMESPACE,
      metricName: 'ContentIntegrityFailures',
      metricValue: '1',
    }).metric({ period: PERIOD, statistic: 'Sum' });
    // The same metric from the functions that serve the public: content changed after approval is withheld.
    (props.publicLogGroups ?? []).forEach((logGroup, i) => {
      new MetricFilter(this, `PublicContentIntegrityFailures${i}`, {
        logGroup,
        filterPattern: FilterPattern.stringValue('$.failure', '=', 'ContentIntegrityError'),
        metricNamespace: NAMESPACE,
        metricName: 'ContentIntegrityFailures',
        metricValue: '1',
      });
    });
    alarm(
      'ContentIntegrity',
      integrityFailures,
      'Approved alert content changed: nothing was sent (the alert is FAILED) or a public document was withheld. Investigate who wrote to the alerts table.',
    );
    // The platform's hourly budget of code SMS is spent: pumping from many IPs, or a surge of sign-ups after
    // an alert that needs a larger budget. Either way code requests get 429 until the hour ends.
    // Every such function's filter feeds the same metric, so one alarm watches them all.
    const codeLogGroups = props.codeSmsLogGroups ?? [];
    codeLogGroups.forEach((logGroup, i) => {
      new MetricFilter(this, `CodeSmsBudgetExhausted${i}`, {
        logGroup,
        filterPattern: FilterPattern.stringValue('$.codeBudget', '=', 'exhausted'),
        metricNamespace: NAMESPACE,
        metricName: CODE_SMS_BUDGET_METRIC,
        metricValue: '1',
      });
    });
    if (codeLogGroups.length > 0) {
      alarm(
        'CodeSmsBudget',
        new Metric({
          namespace: NAMESPACE,
          metricName: CODE_SMS_BUDGET_METRIC,
          period: PERIOD,
          statistic: 'Sum',
        }),
        'The hourly budget of code SMS is spent: subscribe and unsubscribe answer 429 until the hour ends. Look for SMS pumping (WAF, access logs by IP) before raising AMBER_CODE_SMS_PER_HOUR.',
      );
    }
    const dlqMessages = props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      period: PERIOD,
      statistic: 'Maximum',
    });
    alarm(
      'DeadLetters',
      dlqMessages,
      'A function invocation failed for good and is in the dead-letter queue.',
    );

    const smsMetric = (metricName: string) =>
      new Metric({
        namespace: 'AWS/SNS',
        metricName,
        dimensionsMap: DIRECT_SMS,
        period: Duration.minutes(5),
        statistic: 'Sum',
      });
    const smsFailureRatio = new MathExpression({
      expression: 'IF(delivered + failed > 0, failed / (delivered + failed), 0)',
      usingMetrics: {
        delivered: smsMetric('NumberOfNotificationsDelivered'),
        failed: smsMetric('NumberOfNotificationsFailed'),
      },
      label: 'SMS failure ratio',
      period: Duration.minutes(5),
    });
    alarm(
      'SmsFailureRatio',
      smsFailureRatio,
      `More than ${SMS_FAILURE_RATIO_THRESHOLD * 100} % of SMS failed in 5 minutes.`,
      SMS_FAILURE_RATIO_THRESHOLD,
    );
    const smsSpend = new Metric({
      namespace: 'AWS/SNS',
      metricName: 'SMSMonthToDateSpentUSD',
      period: Duration.minutes(5),
      statistic: 'Maximum',
    });
    alarm(
      'SmsMonthlySpend',
      smsSpend,
      `SMS spend this month is over ${SMS_SPEND_ALARM_SHARE * 100} % of the ${props.smsMonthlySpendLimitUsd} USD limit: at the limit SNS stops sending.`,
      props.smsMonthlySpendLimitUsd * SMS_SPEND_ALARM_SHARE,
    );

    const api = props.api.deploymentStage;
    new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      widgets: [
        [
          new GraphWidget({
            title: 'API',
            left: [
              api.metricServerError({ period: PERIOD, statistic: 'Sum' }),
              api.metricClientError({ period: PERIOD, statistic: 'Sum' }),
            ],
            right: [api.metricLatency({ period: PERIOD, statistic: 'p99' })],
          }),
          new GraphWidget({
            title: 'Alert workflows',
            left: [
              props.stateMachine.metricStarted({ period: PERIOD, statistic: 'Sum' }),
              props.stateMachine.metricSucceeded({ period: PERIOD, statistic: 'Sum' }),
              props.stateMachine.metricFailed({ period: PERIOD, statistic: 'Sum' }),
            ],
          }),
        ],
        [
          new GraphWidget({
            title: 'SMS',
            left: [smsMetric('NumberOfNotificationsDelivered'), smsMetric('NumberOfNotificationsFailed')],
            right: [smsFailureRatio],
          }),
          new SingleValueWidget({ title: 'SMS spend this month (USD)', metrics: [smsSpend] }),
          new GraphWidget({
            title: 'Safety',
            left: [integrityFailures, dlqMessages, props.broadcast.metricErrors({ period: PERIOD })],
          }),
        ],
      ],
    });
  }
}
