import { Duration } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface OpsAlarmsProps {
  /** Where alarms (and their recovery) go: the on-call team. */
  topic: ITopic;
  stateMachine: IStateMachine;
  api: RestApi;
  broadcast: IFunction;
}

const PERIOD = Duration.minutes(1);

/**
 * Alarms that page the on-call team. An AMBER Alert is rare and urgent, so the thresholds are "any":
 * one failed execution, one 5xx or one failed broadcast is worth a look.
 */
export class OpsAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OpsAlarmsProps) {
    super(scope, id);
    const action = new SnsAction(props.topic);
    const alarm = (alarmId: string, metric: IMetric, description: string) => {
      const created = new Alarm(this, alarmId, {
        metric,
        threshold: 1,
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
  }
}
