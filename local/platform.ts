import './polyfills';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAlertRepository } from '../lambdas/adapters/dynamodb/alert-repository';
import { DynamoDeliveryPurge } from '../lambdas/adapters/dynamodb/delivery-purge';
import { DynamoDeliveryRepository } from '../lambdas/adapters/dynamodb/delivery-repository';
import { DynamoLatestDelivery } from '../lambdas/adapters/dynamodb/latest-delivery';
import { DynamoRateLimiter, DynamoTipRateLimiter } from '../lambdas/adapters/dynamodb/rate-limiter';
import { DynamoSubscriberRepository } from '../lambdas/adapters/dynamodb/subscriber-repository';
import { DynamoTipRepository } from '../lambdas/adapters/dynamodb/tip-repository';
import { systemClock } from '../lambdas/adapters/system-clock';
import { loadConfig, loadResourceNames } from '../lambdas/config/config';
import { type AlertStatus, OPEN_STATUSES } from '../lambdas/domain/alert';
import type { Dependencies } from '../lambdas/ports/dependencies';
import { fixedSmsQuota } from '../lambdas/ports/sms-quota';
import { purgePersonalData } from '../lambdas/use-cases/purge-personal-data';
import { API_ROUTES, INBOUND_SMS_HANDLER } from '../lib/api-routes';
import { DEFAULT_WORKFLOW_TIMEOUTS } from '../lib/workflow/alert-workflow';
import { LOCAL_FUNCTION_NAMES, renderAlertWorkflowAsl } from '../lib/workflow/render-asl';
import { LocalContentSigner } from './content-signer';
import { LOCAL_AWS, startDynalite } from './dynamo';
import { type AnyHandler, functionNameFor, loadHandler } from './handler-modules';
import { type BoundRoute, type LocalHttpServer, startHttpServer } from './http-server';
import { LocalIdentityProvider, loadUsers } from './identities';
import { inboundSmsEvent } from './inbound-sms';
import { lambdaContext } from './lambda-context';
import { createLogger, errorName, type LocalLogger } from './log';
import { NotificationOutbox, SmsOutbox } from './outbox';
import { localRateLimitKey } from './rate-limit-key';
import type { HttpMethod } from './routes';
import { ApprovalTampering } from './tampering';
import { LocalWorkflowEngine, type RetryIntervalOverrides } from './workflow-engine';

/**
 * The whole platform in one process, without an AWS account: dynalite for DynamoDB, the rendered state
 * machine on aws-local-stepfunctions for Step Functions, outbox files for SNS, local tokens for Cognito
 * and a node:http server for API Gateway, all running the handler modules the Lambdas run.
 */

export interface PlatformOptions {
  /** 0 picks a free port. */
  port: number;
  /** Where dynalite, the signing key and the outboxes keep their files. */
  dataDir: string;
  /** Every workflow deadline this many times shorter; default AMBER_TIME_SCALE or 1. */
  timeScale?: number;
  /** No platform or handler logs (tests, demo). */
  quiet?: boolean;
  /** Settings applied to process.env before the configuration is read (AMBER_*, table names). */
  env?: Record<string, string>;
  /** Tests shorten the ASL's retry pauses with this. */
  retryIntervalOverrides?: RetryIntervalOverrides;
  /** Another users file than local/users.json. */
  usersFile?: string;
}

export interface Platform {
  url: string;
  port: number;
  dataDir: string;
  dynamoEndpoint: string;
  /** The client behind every repository: benchmarks count its requests with a middleware. */
  documentClient: DynamoDBDocumentClient;
  deps: Dependencies;
  /** The tips table (lambdas/use-cases/tips/), which the handlers that take tips also get. */
  tips: DynamoTipRepository;
  workflow: LocalWorkflowEngine;
  sms: SmsOutbox;
  notifications: NotificationOutbox;
  identity: LocalIdentityProvider;
  signer: LocalContentSigner;
  /** Milliseconds from the call to ready, per phase (what `npm start` reports). */
  startup: Record<string, number>;
  close(): Promise<void>;
}

/** The workflow's functions and the handler modules that implement them (as the CDK stack wires them). */
const WORKFLOW_FUNCTIONS = {
  [LOCAL_FUNCTION_NAMES.steps]: {
    entry: 'lambdas/handlers/workflow/steps.ts',
    timeoutMs: DEFAULT_WORKFLOW_TIMEOUTS.step.toMilliseconds(),
  },
  [LOCAL_FUNCTION_NAMES.broadcast]: {
    entry: 'lambdas/handlers/workflow/broadcast.ts',
    timeoutMs: DEFAULT_WORKFLOW_TIMEOUTS.broadcast.toMilliseconds(),
  },
  [LOCAL_FUNCTION_NAMES.sendShard]: {
    entry: 'lambdas/handlers/workflow/send-shard.ts',
    timeoutMs: DEFAULT_WORKFLOW_TIMEOUTS.broadcast.toMilliseconds(),
  },
};

const INBOUND_SMS_FUNCTION = functionNameFor(INBOUND_SMS_HANDLER);

/** The AMBER_PUBLIC_BASE_URL this module set itself, as opposed to one the user set. */
let defaultedBaseUrl: string | undefined;

/** Alerts whose workflow still has work to do after a restart. */
const RESUMABLE_STATUSES: readonly AlertStatus[] = [...OPEN_STATUSES, 'RESOLVED'];

export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const started = performance.now();
  const startup: Record<string, number> = {};
  const mark = (phase: string) => {
    startup[phase] = Math.round(performance.now() - started);
  };
  const logger = createLogger('platform', { quiet: options.quiet });
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  applyEnvironment(options);

  const cleanups: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) =>
        logger.error('platform.close.failed', { error: errorName(error) }),
      );
    }
  };

  try {
    // Listen first: the handlers' configuration needs the public URL, which a free port only tells now.
    let inboundSms: AnyHandler | undefined;
    let purge: ((at?: Date) => Promise<unknown>) | undefined;
    let tampering: ApprovalTampering | undefined;
    const identity = await LocalIdentityProvider.open({
      dataDir,
      users: loadUsers(options.usersFile),
    });
    const server: LocalHttpServer = await startHttpServer({
      port: options.port,
      identity,
      sms: { messagesTo: (phone) => sms.messagesTo(phone) },
      notifications: { list: (filter) => notifications.list(filter) },
      inboundSms: async (from, body) => {
        await inboundSms?.(inboundSmsEvent(from, body), lambdaContext(INBOUND_SMS_FUNCTION, 10_000));
      },
      purge: async (at) => purge?.(at),
      tamper: (alertId, childName) => tampering?.arm(alertId, childName),
      logger: createLogger('http', { quiet: options.quiet }),
    });
    cleanups.push(() => server.close());
    // The local URL unless someone chose another one (a platform restarted in-process gets its new port).
    if (
      process.env.AMBER_PUBLIC_BASE_URL === undefined ||
      process.env.AMBER_PUBLIC_BASE_URL === defaultedBaseUrl
    ) {
      process.env.AMBER_PUBLIC_BASE_URL = server.url;
      defaultedBaseUrl = server.url;
    }
    mark('http');

    const dynamo = await startDynalite({ dataDir, logger });
    cleanups.push(() => dynamo.close());
    process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
    mark('dynamodb');

    const config = loadConfig();
    warnAboutUnknownDirectorates(identity, config.directorates, logger);
    const sms = await SmsOutbox.open({ dataDir, phoneRegion: config.country.phoneRegion, logger });
    cleanups.push(() => sms.close());
    const notifications = await NotificationOutbox.open({ dataDir, users: identity.users, logger });
    cleanups.push(() => notifications.close());

    // Same marshalling as the Lambdas' client (lambdas/wiring/clients/dynamodb.ts), but bound to this
    // platform's endpoint: a second platform in the same process gets its own.
    const documentClient = DynamoDBDocumentClient.from(
      new DynamoDBClient({ ...LOCAL_AWS, endpoint: dynamo.endpoint }),
      {
        marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
      },
    );
    cleanups.push(async () => documentClient.destroy());
    const names = loadResourceNames();

    const functions = new Map<string, AnyHandler>();
    const workflow = new LocalWorkflowEngine({
      definition: renderAlertWorkflowAsl(),
      validate: false,
      invoke: async (functionName, payload) => {
        const fn = functions.get(functionName);
        const spec = WORKFLOW_FUNCTIONS[functionName as keyof typeof WORKFLOW_FUNCTIONS];
        if (!fn || !spec)
          throw Object.assign(new Error(`Function not found: ${functionName}`), {
            name: 'Lambda.ResourceNotFoundException',
          });
        return fn(payload, lambdaContext(functionName, spec.timeoutMs));
      },
      ...(options.retryIntervalOverrides ? { retryIntervalOverrides: options.retryIntervalOverrides } : {}),
      logger: createLogger('workflow', { quiet: options.quiet }),
    });
    cleanups.push(() => workflow.stop());
    mark('workflow');

    const signer = await LocalContentSigner.open(dataDir);
    tampering = new ApprovalTampering(documentClient, names.alertsTable);
    const localDeps = {
      config,
      clock: systemClock,
      alerts: tampering.wrap(new DynamoAlertRepository(documentClient, names.alertsTable)),
      subscribers: new DynamoSubscriberRepository(documentClient, names.subscribersTable),
      deliveries: new DynamoDeliveryRepository(documentClient, names.deliveriesTable),
      rateLimiter: new DynamoRateLimiter(documentClient, names.subscribersTable, localRateLimitKey(dataDir)),
      workflow,
      sms,
      notifier: notifications,
      // Ready for when Dependencies names the content signer `signer` (lambdas/ports/content-signer.ts).
      signer,
      // Locally the quota is AMBER_SMS_RATE_PER_SECOND; in AWS it is read from SSM at run time.
      smsQuota: fixedSmsQuota(config.sms.ratePerSecond),
      // The tips' dependencies (TipDependencies), for the handlers that take them.
      tips: new DynamoTipRepository(documentClient, names.tipsTable),
      tipLimiter: new DynamoTipRateLimiter(documentClient, names.tipsTable, localRateLimitKey(dataDir)),
      tipNotifier: notifications,
      latestDelivery: new DynamoLatestDelivery(documentClient, names.deliveriesTable),
    };
    const deps: Dependencies = localDeps;

    for (const [name, spec] of Object.entries(WORKFLOW_FUNCTIONS)) {
      functions.set(name, loadHandler(spec.entry, deps, logger));
    }
    inboundSms = loadHandler(INBOUND_SMS_HANDLER, deps, logger);
    const handlers = new Map<string, AnyHandler>();
    const routes: BoundRoute[] = API_ROUTES.map((route) => {
      let handler = handlers.get(route.entry);
      if (!handler) {
        handler = loadHandler(route.entry, deps, logger);
        handlers.set(route.entry, handler);
      }
      return {
        method: route.method as HttpMethod,
        path: route.path,
        auth: route.auth,
        functionName: functionNameFor(route.entry),
        handler,
      };
    });
    server.setRoutes(routes);
    purge = schedulePurge(
      {
        config,
        clock: systemClock,
        alerts: localDeps.alerts,
        deliveryPurge: new DynamoDeliveryPurge(documentClient, names.deliveriesTable),
        tipContacts: localDeps.tips,
      },
      logger,
      cleanups,
    );
    mark('handlers');

    const resumed = await resumeOpenAlerts(deps, workflow, logger);
    mark('ready');
    logger.info('platform.ready', { url: server.url, dataDir, resumed, startupMs: startup });

    let closing: Promise<void> | undefined;
    return {
      url: server.url,
      port: server.port,
      dataDir,
      dynamoEndpoint: dynamo.endpoint,
      documentClient,
      deps,
      tips: localDeps.tips,
      workflow,
      sms,
      notifications,
      identity,
      signer,
      startup,
      close: () => {
        closing ??= closeAll().then(() => logger.info('platform.closed', {}));
        return closing;
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/**
 * Environment for the handler code, set before any handler module is loaded: the SDK finds dynalite and
 * signs with dummy credentials (never a developer's real ones), and the configuration gets the local values.
 */
function applyEnvironment(options: PlatformOptions): void {
  const env = process.env;
  env.AWS_REGION = LOCAL_AWS.region;
  env.AWS_DEFAULT_REGION = LOCAL_AWS.region;
  env.AWS_ACCESS_KEY_ID = LOCAL_AWS.credentials.accessKeyId;
  env.AWS_SECRET_ACCESS_KEY = LOCAL_AWS.credentials.secretAccessKey;
  delete env.AWS_SESSION_TOKEN;
  delete env.AWS_PROFILE;
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  env.AMBER_STAGE ??= 'local';
  Object.assign(env, options.env ?? {});
  env.AMBER_TIME_SCALE = String(options.timeScale ?? env.AMBER_TIME_SCALE ?? 1);
  // Powertools reads its level when the handler modules create their logger, i.e. after this.
  if (options.quiet) env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
}

/**
 * The daily retention purge of AWS (lib/constructs/retention-purge.ts), every day shortened by the time
 * scale; POST /local/purge runs it at once. Returns the run-now function.
 */
function schedulePurge(
  deps: Parameters<typeof purgePersonalData>[0],
  logger: LocalLogger,
  cleanups: (() => Promise<void>)[],
): (at?: Date) => Promise<unknown> {
  const run = async (at?: Date) => {
    const report = await purgePersonalData(deps, at);
    if (report.purged > 0 || report.raced > 0) logger.info('platform.purge', { ...report });
    return report;
  };
  const every = Math.max(1000, Math.round(86_400_000 / deps.config.timeouts.timeScale));
  const timer = setInterval(() => {
    run().catch((error: unknown) => logger.error('platform.purge.failed', { error: errorName(error) }));
  }, every);
  timer.unref();
  cleanups.push(async () => clearInterval(timer));
  return run;
}

async function resumeOpenAlerts(
  deps: Dependencies,
  workflow: LocalWorkflowEngine,
  logger: LocalLogger,
): Promise<number> {
  let resumed = 0;
  for (const status of RESUMABLE_STATUSES) {
    for (const alert of await deps.alerts.listByStatus(status)) {
      // A resolved alert only still needs its workflow until the cancellation has gone out.
      if (status === 'RESOLVED' && alert.cancellationSentAt) continue;
      try {
        await workflow.start(alert.id);
        resumed++;
      } catch (error) {
        logger.error('platform.resume.failed', { alertId: alert.id, error: errorName(error) });
      }
    }
  }
  if (resumed > 0) logger.info('platform.resumed', { alerts: resumed });
  return resumed;
}

function warnAboutUnknownDirectorates(
  identity: LocalIdentityProvider,
  directorates: readonly string[],
  logger: LocalLogger,
): void {
  for (const user of identity.users) {
    if (!directorates.includes(user.directorate)) {
      logger.warn('platform.user.unknownDirectorate', {
        username: user.username,
        directorate: user.directorate,
      });
    }
  }
}
