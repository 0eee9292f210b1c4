import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { loadConfig, RESOURCE_ENV } from '../lambdas/config/config';
import type { ApiHandlerName } from './api-routes';
import { AlertWorkflow } from './constructs/alert-workflow';
import { AmberApi } from './constructs/amber-api';
import {
  type AmberFunction,
  allowSmsPublish,
  allowTaskTokenCallbacks,
  bindSigningKey,
  bindStateMachine,
  bindTable,
  bindTopic,
} from './constructs/amber-function';
import { ApiFirewall } from './constructs/api-firewall';
import { ContentSigning } from './constructs/content-signing';
import { DataTables } from './constructs/data-tables';
import { InboundSms } from './constructs/inbound-sms';
import { Messaging, type SupervisorContact } from './constructs/messaging';
import { OpsAlarms } from './constructs/ops-alarms';
import { PoliceAuth } from './constructs/police-auth';
import { PoliceConsole } from './constructs/police-console';
import { Resilience } from './constructs/resilience';
import { RetentionPurge } from './constructs/retention-purge';
import { acknowledgeNagFindings } from './nag-acknowledgements';
import type { StageConfig } from './stages';

export interface AmberStackProps extends StackProps {
  stage: StageConfig;
  /** Supervisors told about approval requests (deploy-time input: contact details stay out of the repo). */
  supervisors?: readonly SupervisorContact[];
  /** The on-call team's mailboxes for operational alarms. */
  onCallEmails?: readonly string[];
}

/**
 * The AMBER Alert platform of one stage: police API (Cognito) and public API, the alert workflow, the
 * tables, the SNS topics and the alarms.
 *
 * Each function gets exactly the resources its handler uses, through the bind helpers, which also set the
 * variables of RESOURCE_ENV (lambdas/config/config.ts) that the handler reads.
 */
export class AmberStack extends Stack {
  readonly data: DataTables;
  readonly auth: PoliceAuth;
  readonly messaging: Messaging;
  readonly signing: ContentSigning;
  readonly workflow: AlertWorkflow;
  readonly api: AmberApi;
  readonly alarms: OpsAlarms;
  readonly resilience: Resilience;
  readonly firewall: ApiFirewall;
  /** The police console: S3 through CloudFront on the API's origin, Cognito managed login. */
  readonly console: PoliceConsole;
  readonly inboundSms: InboundSms;
  readonly retention: RetentionPurge;

  constructor(scope: Construct, id: string, props: AmberStackProps) {
    const { stage, supervisors = [], onCallEmails = [], ...stackProps } = props;
    super(scope, id, {
      description: `AMBER Alert platform (${stage.name})`,
      terminationProtection: stage.deletionProtection,
      ...stackProps,
    });
    Tags.of(this).add('project', 'amber-alert');
    Tags.of(this).add('stage', stage.name);

    this.resilience = new Resilience(this, 'Resilience', { stage });
    const { deadLetterQueue } = this.resilience;
    this.data = new DataTables(this, 'Data', { stage });
    this.auth = new PoliceAuth(this, 'Auth', { stage });
    this.messaging = new Messaging(this, 'Messaging', { stage });
    this.signing = new ContentSigning(this, 'ContentSigning', { stage });
    this.workflow = new AlertWorkflow(this, 'Workflow', {
      stage,
      deadLetterQueue,
      opsTopic: this.messaging.opsTopic,
    });
    this.api = new AmberApi(this, 'Api', { stage, userPool: this.auth.userPool, deadLetterQueue });
    this.console = new PoliceConsole(this, 'Console', {
      stage,
      api: this.api.api,
      userPool: this.auth.userPool,
    });
    this.firewall = new ApiFirewall(this, 'Firewall', { stage, apiStage: this.api.api.deploymentStage });
    this.inboundSms = new InboundSms(this, 'InboundSms', { stage, key: this.messaging.key, deadLetterQueue });

    const { alerts, subscribers, deliveries } = this.data.tables;
    this.retention = new RetentionPurge(this, 'Retention', {
      stage,
      alerts,
      deliveries,
      dataKey: this.data.key,
      deadLetterQueue,
    });
    const { approvalsTopic, opsTopic } = this.messaging;
    const { stateMachine, steps, broadcast, sendShard } = this.workflow;

    // Workflow steps: route on the alert's status, park with a task token, notify supervisors and ops.
    bindTable(steps, alerts, RESOURCE_ENV.alertsTable, 'readWrite');
    bindTable(steps, subscribers, RESOURCE_ENV.subscribersTable, 'read');
    bindTopic(steps, approvalsTopic, RESOURCE_ENV.approvalsTopicArn);
    bindTopic(steps, opsTopic, RESOURCE_ENV.opsTopicArn);
    // No STATE_MACHINE_ARN (it would be a cycle); answering its own task token needs none.
    allowTaskTokenCallbacks(steps);

    // Inbound SMS: a STOP reply removes the phone's subscription.
    bindTable(this.inboundSms.handler, subscribers, RESOURCE_ENV.subscribersTable, 'readWrite');

    // Broadcast: plan the recipients into shards of the delivery list, then record the outcome.
    bindTable(broadcast, alerts, RESOURCE_ENV.alertsTable, 'readWrite');
    bindTable(broadcast, subscribers, RESOURCE_ENV.subscribersTable, 'read');
    bindTable(broadcast, deliveries, RESOURCE_ENV.deliveriesTable, 'readWrite');
    // Pages the on-call ops contact before the first SMS of a live broadcast.
    bindTopic(broadcast, opsTopic, RESOURCE_ENV.opsTopicArn);
    // An alert withdrawn while it awaited approval: its (empty) cancellation's plan tells the supervisors.
    bindTopic(broadcast, approvalsTopic, RESOURCE_ENV.approvalsTopicArn);
    // Sends only content whose signature (made at approval) still matches.
    bindSigningKey(broadcast, this.signing.key, 'verify');
    // Send-shard: texts the phones of one shard; it reads the alert, writes progress and delivery records.
    bindTable(sendShard, alerts, RESOURCE_ENV.alertsTable, 'readWrite');
    bindTable(sendShard, deliveries, RESOURCE_ENV.deliveriesTable, 'readWrite');
    allowSmsPublish(sendShard);
    // Checks the approval signature before its first SMS, as the planner does.
    bindSigningKey(sendShard, this.signing.key, 'verify');

    const api: Record<ApiHandlerName, (fn: AmberFunction) => void> = {
      submitAlert: (fn) => {
        bindTable(fn, alerts, RESOURCE_ENV.alertsTable, 'readWrite');
        bindStateMachine(fn, stateMachine, 'start');
      },
      listAlerts: (fn) => {
        bindTable(fn, alerts, RESOURCE_ENV.alertsTable, 'read');
        bindTable(fn, deliveries, RESOURCE_ENV.deliveriesTable, 'read');
      },
      getAlert: (fn) => {
        bindTable(fn, alerts, RESOURCE_ENV.alertsTable, 'read');
        bindTable(fn, deliveries, RESOURCE_ENV.deliveriesTable, 'read');
        // The alert view estimates its recipients from the subscribers' county counters.
        bindTable(fn, subscribers, RESOURCE_ENV.subscribersTable, 'read');
      },
      decideApproval: (fn) => {
        bindTable(fn, alerts, RESOURCE_ENV.alertsTable, 'readWrite');
        bindStateMachine(fn, stateMachine, 'taskTokens');
        // The supervisor's approval signs exactly the content that will go out.
        bindSigningKey(fn, this.signing.key, 'sign');
      },
      resolveAlert: (fn) => {
        bindTable(fn, alerts, RESOURCE_ENV.alertsTable, 'readWrite');
        bindStateMachine(fn, stateMachine, 'taskTokens');
      },
      publicAlerts: (fn) => {
        bindTable(fn, alerts, RESOURCE_ENV.alertsTable, 'read');
      },
      subscribe: (fn) => {
        bindTable(fn, subscribers, RESOURCE_ENV.subscribersTable, 'readWrite');
        allowSmsPublish(fn);
      },
      confirmSubscription: (fn) => {
        bindTable(fn, subscribers, RESOURCE_ENV.subscribersTable, 'readWrite');
        allowSmsPublish(fn);
      },
      unsubscribe: (fn) => {
        bindTable(fn, subscribers, RESOURCE_ENV.subscribersTable, 'readWrite');
        allowSmsPublish(fn);
      },
      // Checks the code and removes the subscription: it texts nobody.
      confirmUnsubscribe: (fn) => {
        bindTable(fn, subscribers, RESOURCE_ENV.subscribersTable, 'readWrite');
      },
      // The drill group lives in the subscribers table, apart from the county memberships.
      drillRecipients: (fn) => {
        bindTable(fn, subscribers, RESOURCE_ENV.subscribersTable, 'readWrite');
      },
      submitUpdate: (fn) => {
        bindTable(fn, alerts, RESOURCE_ENV.alertsTable, 'readWrite');
        bindStateMachine(fn, stateMachine, 'taskTokens');
      },
      decideUpdate: (fn) => {
        bindTable(fn, alerts, RESOURCE_ENV.alertsTable, 'readWrite');
        bindStateMachine(fn, stateMachine, 'taskTokens');
        // Approving an update signs exactly the UPDATE texts that will go out.
        bindSigningKey(fn, this.signing.key, 'sign');
      },
      extendAlert: (fn) => {
        bindTable(fn, alerts, RESOURCE_ENV.alertsTable, 'readWrite');
        bindStateMachine(fn, stateMachine, 'taskTokens');
      },
      publicCap: (fn) => {
        bindTable(fn, alerts, RESOURCE_ENV.alertsTable, 'read');
      },
      alertPage: (fn) => {
        bindTable(fn, alerts, RESOURCE_ENV.alertsTable, 'read');
      },
      // The public subscription forms: what subscribe, confirm and unsubscribe do, as HTML pages.
      subscriptionPages: (fn) => {
        bindTable(fn, subscribers, RESOURCE_ENV.subscribersTable, 'readWrite');
        allowSmsPublish(fn);
      },
    };
    for (const [name, bind] of Object.entries(api) as [ApiHandlerName, (fn: AmberFunction) => void][]) {
      bind(this.api.functions[name]);
    }

    const { directorates } = loadConfig({ AMBER_STAGE: stage.name });
    for (const supervisor of supervisors) {
      if (!directorates.includes(supervisor.directorate)) {
        throw new Error(
          `Unknown directorate ${supervisor.directorate}: expected one of ${directorates.join(', ')}`,
        );
      }
      this.messaging.addSupervisor(supervisor);
    }
    for (const email of onCallEmails) this.messaging.addOnCallEmail(email);

    this.alarms = new OpsAlarms(this, 'Alarms', {
      topic: opsTopic,
      stateMachine,
      api: this.api.api,
      broadcast,
      stepsLogGroup: steps.logGroup,
      deadLetterQueue,
      smsMonthlySpendLimitUsd: stage.smsMonthlySpendLimitUsd,
      dashboardName: `amber-${stage.name}`,
    });
    acknowledgeNagFindings(this);

    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.webClient.userPoolClientId });
    new CfnOutput(this, 'StateMachineArn', { value: stateMachine.stateMachineArn });
    new CfnOutput(this, 'ApprovalsTopicArn', { value: approvalsTopic.topicArn });
    new CfnOutput(this, 'OpsTopicArn', { value: opsTopic.topicArn });
    new CfnOutput(this, 'ContentSigningKeyArn', { value: this.signing.key.keyArn });
  }
}
