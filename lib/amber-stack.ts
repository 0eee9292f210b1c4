import { Aws, CfnOutput, Fn, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { loadConfig, RESOURCE_ENV } from '../lambdas/config/config';
import type { ApiHandlerName } from './api-routes';
import { AlertWorkflow } from './constructs/alert-workflow';
import { AmberApi } from './constructs/amber-api';
import {
  AmberFunction,
  allowSmsPublish,
  allowTaskTokenCallbacks,
  bindRateLimitKey,
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
import { PublicDomain } from './constructs/public-domain';
import { Resilience } from './constructs/resilience';
import { RetentionPurge } from './constructs/retention-purge';
import { TipAlarms } from './constructs/tip-alarms';
import { publicDomainUrl, type StageConfig } from './stages';

export interface AmberStackProps extends StackProps {
  stage: StageConfig;
  /** Supervisors told about approval requests (deploy-time input: contact details stay out of the repo). */
  supervisors?: readonly SupervisorContact[];
  /** The on-call team's mailboxes for operational alarms. */
  onCallEmails?: readonly string[];
  /**
   * Replies can reach the platform (an operator short code or a two-way aggregator was arranged): overrides
   * the country profile's twoWaySms. @default the profile's
   */
  twoWaySms?: boolean;
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
  readonly rateLimitKey: Secret;
  readonly workflow: AlertWorkflow;
  readonly api: AmberApi;
  readonly alarms: OpsAlarms;
  readonly resilience: Resilience;
  readonly firewall: ApiFirewall;
  /** Whether replies reach the platform (country profile, or `-c twoWaySms=true`): then InboundSms exists. */
  readonly twoWaySms: boolean;
  private readonly inbound?: InboundSms;
  /** The police console: S3 through CloudFront on the API's origin, Cognito managed login. */
  readonly console: PoliceConsole;
  readonly retention: RetentionPurge;
  readonly publicDomain?: PublicDomain;
  /** AMBER_PUBLIC_BASE_URL of every function: the custom domain, or the API's execute-api URL. */
  readonly publicBaseUrl: string;

  /** The inbound SMS topic and handler; only a stack with two-way SMS has them. */
  get inboundSms(): InboundSms {
    if (!this.inbound)
      throw new Error('This deployment has no two-way SMS: no inbound SMS topic or function');
    return this.inbound;
  }
  readonly tipAlarms: TipAlarms;

  constructor(scope: Construct, id: string, props: AmberStackProps) {
    const { stage, supervisors = [], onCallEmails = [], twoWaySms, ...stackProps } = props;
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
    // The HMAC key of the rate-limit counters: a bare hash of a phone or an IP is reversed by brute force.
    this.rateLimitKey = new Secret(this, 'RateLimitKey', {
      description: `AMBER ${stage.name}: HMAC key of the rate-limit counters (phones and IPs are never stored)`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: stage.removalPolicy,
    });
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
    if (stage.publicDomain?.certificateArn) {
      const domain = {
        domainName: stage.publicDomain.domainName,
        certificateArn: stage.publicDomain.certificateArn,
      };
      this.publicDomain = new PublicDomain(this, 'PublicDomain', { domain, api: this.api.api });
    }
    // Without a custom domain (dev), links use the stage's execute-api URL, built from the API's id alone:
    // the stage's own URL would make every function depend on the deployment, hence on itself.
    this.publicBaseUrl =
      publicDomainUrl(stage) ??
      Fn.join('', [
        'https://',
        this.api.api.restApiId,
        '.execute-api.',
        Aws.REGION,
        '.',
        Aws.URL_SUFFIX,
        `/${stage.name}`,
      ]);
    this.twoWaySms = twoWaySms ?? loadConfig({ AMBER_STAGE: stage.name }).country.twoWaySms;
    // Without two-way SMS no reply can reach SNS: no topic waits for one, and the texts give the web route.
    if (this.twoWaySms) {
      this.inbound = new InboundSms(this, 'InboundSms', { stage, deadLetterQueue });
    }

    const { alerts, subscribers, deliveries, tips } = this.data.tables;
    this.retention = new RetentionPurge(this, 'Retention', {
      stage,
      alerts,
      deliveries,
      tips,
      deadLetterQueue,
    });
    const { approvalsTopic, opsTopic } = this.messaging;
    const { stateMachine, steps, broadcast, sendShard } = this.workflow;

    // Workflow steps: route on the alert's status, park with a task token, notify supervisors and ops.
    bindTable(steps, alerts, 'alertsTable', ['DynamoAlertRepository']);
    bindTopic(steps, approvalsTopic, RESOURCE_ENV.approvalsTopicArn);
    bindTopic(steps, opsTopic, RESOURCE_ENV.opsTopicArn);
    // No STATE_MACHINE_ARN (it would be a cycle); answering its own task token needs none.
    allowTaskTokenCallbacks(steps);

    // Inbound SMS (where the country has two-way SMS): a STOP reply removes the phone's subscription; another
    // reply becomes a tip for the alert the phone last received (the deliveries' byPhone index), acknowledged
    // once by SMS.
    if (this.inbound) {
      const inbound = this.inbound.handler;
      bindTable(inbound, subscribers, 'subscribersTable', ['DynamoSubscriberRepository']);
      bindTable(inbound, alerts, 'alertsTable', ['DynamoAlertReader']);
      bindTable(inbound, deliveries, 'deliveriesTable', ['DynamoLatestDelivery']);
      bindTable(inbound, tips, 'tipsTable', ['DynamoTipRepository']);
      allowSmsPublish(inbound);
    }

    // Broadcast: plan the recipients into shards of the delivery list, then record the outcome.
    bindTable(broadcast, alerts, 'alertsTable', ['DynamoAlertRepository']);
    bindTable(broadcast, subscribers, 'subscribersTable', ['DynamoSubscriberRepository']);
    bindTable(broadcast, deliveries, 'deliveriesTable', ['DynamoDeliveryRepository']);
    // Pages the on-call ops contact before the first SMS of a live broadcast.
    bindTopic(broadcast, opsTopic, RESOURCE_ENV.opsTopicArn);
    // An alert withdrawn while it awaited approval: its (empty) cancellation's plan tells the supervisors.
    bindTopic(broadcast, approvalsTopic, RESOURCE_ENV.approvalsTopicArn);
    // Sends only content whose signature (made at approval) still matches.
    bindSigningKey(broadcast, this.signing.key, 'verify');
    // Send-shard: texts the phones of one shard; it reads the alert, writes progress and delivery records.
    bindTable(sendShard, alerts, 'alertsTable', ['DynamoAlertRepository']);
    bindTable(sendShard, deliveries, 'deliveriesTable', ['DynamoDeliveryRepository']);
    allowSmsPublish(sendShard);
    // Checks the approval signature before its first SMS, as the planner does.
    bindSigningKey(sendShard, this.signing.key, 'verify');

    const api: Record<ApiHandlerName, (fn: AmberFunction) => void> = {
      submitAlert: (fn) => {
        bindTable(fn, alerts, 'alertsTable', ['DynamoAlertRepository']);
        bindStateMachine(fn, stateMachine, 'start');
      },
      // Neither reads the deliveries table: it holds every recipient's phone.
      listAlerts: (fn) => {
        bindTable(fn, alerts, 'alertsTable', ['DynamoAlertReader']);
      },
      getAlert: (fn) => {
        bindTable(fn, alerts, 'alertsTable', ['DynamoAlertReader']);
        // The alert view estimates its recipients from the county counters, never from a subscriber.
        bindTable(fn, subscribers, 'subscribersTable', ['DynamoSubscriberCounter']);
        // …and counts its tips (the byAlert index).
        bindTable(fn, tips, 'tipsTable', ['DynamoTipCounts']);
      },
      decideApproval: (fn) => {
        bindTable(fn, alerts, 'alertsTable', ['DynamoAlertRepository']);
        bindStateMachine(fn, stateMachine, 'taskTokens');
        // The supervisor's approval signs exactly the content that will go out.
        bindSigningKey(fn, this.signing.key, 'sign');
      },
      resolveAlert: (fn) => {
        bindTable(fn, alerts, 'alertsTable', ['DynamoAlertRepository']);
        bindStateMachine(fn, stateMachine, 'taskTokens');
      },
      // The public functions check what they serve against the approval signature.
      publicAlerts: (fn) => {
        bindTable(fn, alerts, 'alertsTable', ['DynamoAlertReader']);
        bindSigningKey(fn, this.signing.key, 'verify');
      },
      subscribe: (fn) => {
        bindTable(fn, subscribers, 'subscribersTable', ['DynamoSubscriberRepository', 'DynamoRateLimiter']);
        bindRateLimitKey(fn, this.rateLimitKey);
        allowSmsPublish(fn);
      },
      // Checks the code and activates the subscription: it texts nobody.
      confirmSubscription: (fn) => {
        bindTable(fn, subscribers, 'subscribersTable', ['DynamoSubscriberRepository']);
      },
      unsubscribe: (fn) => {
        bindTable(fn, subscribers, 'subscribersTable', ['DynamoSubscriberRepository', 'DynamoRateLimiter']);
        bindRateLimitKey(fn, this.rateLimitKey);
        allowSmsPublish(fn);
      },
      // Checks the code and removes the subscription: it texts nobody.
      confirmUnsubscribe: (fn) => {
        bindTable(fn, subscribers, 'subscribersTable', ['DynamoSubscriberRepository']);
      },
      // The drill group lives in the subscribers table, apart from the county memberships.
      drillRecipients: (fn) => {
        bindTable(fn, subscribers, 'subscribersTable', ['DynamoSubscriberRepository']);
      },
      submitUpdate: (fn) => {
        bindTable(fn, alerts, 'alertsTable', ['DynamoAlertRepository']);
        bindStateMachine(fn, stateMachine, 'taskTokens');
      },
      decideUpdate: (fn) => {
        bindTable(fn, alerts, 'alertsTable', ['DynamoAlertRepository']);
        bindStateMachine(fn, stateMachine, 'taskTokens');
        // Approving an update signs exactly the UPDATE texts that will go out.
        bindSigningKey(fn, this.signing.key, 'sign');
      },
      extendAlert: (fn) => {
        bindTable(fn, alerts, 'alertsTable', ['DynamoAlertRepository']);
        bindStateMachine(fn, stateMachine, 'taskTokens');
      },
      publicCap: (fn) => {
        bindTable(fn, alerts, 'alertsTable', ['DynamoAlertReader']);
        bindSigningKey(fn, this.signing.key, 'verify');
      },
      alertPage: (fn) => {
        bindTable(fn, alerts, 'alertsTable', ['DynamoAlertReader']);
        bindSigningKey(fn, this.signing.key, 'verify');
      },
      // Public: stores a tip (a conditional put; a replayed key reads it back), counts the rate limits and
      // the urgent window (UpdateItem), and tells the directorate's supervisors of urgent tips.
      submitTip: (fn) => {
        bindTable(fn, alerts, 'alertsTable', ['DynamoAlertReader']);
        bindTable(fn, tips, 'tipsTable', ['DynamoTipRepository', 'DynamoTipRateLimiter']);
        bindRateLimitKey(fn, this.rateLimitKey);
        bindTopic(fn, approvalsTopic, RESOURCE_ENV.approvalsTopicArn);
      },
      // The inbox and its CSV: queries of the byAlert index only.
      alertTips: (fn) => {
        bindTable(fn, alerts, 'alertsTable', ['DynamoAlertReader']);
        bindTable(fn, tips, 'tipsTable', ['DynamoTipRepository']);
      },
      // Triage: reads the tip and writes its state with the history entry (one conditional UpdateItem).
      triageTip: (fn) => {
        bindTable(fn, alerts, 'alertsTable', ['DynamoAlertReader']);
        bindTable(fn, tips, 'tipsTable', ['DynamoTipRepository']);
      },
      // The public subscription forms: what subscribe, confirm and unsubscribe do, as HTML pages.
      // The public site's forms: the same use cases as the subscription routes, their code SMS included.
      subscriptionPages: (fn) => {
        bindTable(fn, subscribers, 'subscribersTable', ['DynamoSubscriberRepository', 'DynamoRateLimiter']);
        bindRateLimitKey(fn, this.rateLimitKey);
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
      publicLogGroups: (['publicAlerts', 'publicCap', 'alertPage'] as const).map(
        (name) => this.api.functions[name].logGroup,
      ),
      deadLetterQueue,
      smsMonthlySpendLimitUsd: stage.smsMonthlySpendLimitUsd,
      codeSmsLogGroups: [this.api.functions.subscribe.logGroup, this.api.functions.unsubscribe.logGroup],
      dashboardName: `amber-${stage.name}`,
    });
    // SMS links, the alert page's own links and the CAP feed all name the public base URL; the texts say
    // "reply STOP" only where replies reach the platform.
    for (const fn of this.node.findAll().filter((c): c is AmberFunction => c instanceof AmberFunction)) {
      fn.addEnvironment('AMBER_PUBLIC_BASE_URL', this.publicBaseUrl);
      fn.addEnvironment('AMBER_TWO_WAY_SMS', String(this.twoWaySms));
    }
    this.tipAlarms = new TipAlarms(this, 'TipAlarms', {
      topic: opsTopic,
      submitTipLogs: this.api.functions.submitTip.logGroup,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.webClient.userPoolClientId });
    new CfnOutput(this, 'StateMachineArn', { value: stateMachine.stateMachineArn });
    new CfnOutput(this, 'ApprovalsTopicArn', { value: approvalsTopic.topicArn });
    new CfnOutput(this, 'OpsTopicArn', { value: opsTopic.topicArn });
    new CfnOutput(this, 'ContentSigningKeyArn', { value: this.signing.key.keyArn });
  }
}
