import { loadConfig } from '../../lambdas/config/config';
import type { Alert } from '../../lambdas/domain/alert';
import type { Clock } from '../../lambdas/ports/clock';
import type { Dependencies } from '../../lambdas/ports/dependencies';
import { fixedSmsQuota } from '../../lambdas/ports/sms-quota';
import type { SmsSender } from '../../lambdas/ports/sms-sender';
import { signApprovedContent } from '../../lambdas/use-cases/content-integrity';
import { anAlert } from '../../test/unit/support/builders';
import { FakeContentSigner, FakeNotifier, InMemoryAlertRepository } from '../../test/unit/support/fakes';
import type { DynamoModel } from './dynamo-model';
import { ModelledDeliveries, modelledAlerts, modelledSubscribers } from './modelled-tables';
import { SimulatedDeliveries } from './sim-deliveries';
import { asSubscriberRepository, SimulatedRegistry } from './sim-registry';

export interface HarnessOptions {
  subscribers: number;
  quotaPerSecond: number;
  counties: string[];
  optedOut?: ReadonlySet<number>;
  clock?: Clock;
  /** DynamoDB's latency, partition limits and sockets in front of the simulated tables; none: instant tables. */
  dynamo?: DynamoModel;
  /** Real adapters instead of the simulated tables (the check against dynalite). */
  tables?: Pick<Dependencies, 'subscribers' | 'deliveries'>;
}

/**
 * The broadcast use case's dependencies around the simulated registry and delivery table, with an approved
 * (signed) live alert for `counties`. The SMS sender is the caller's: a simulated gateway, or a faulty one.
 */
export async function broadcastHarness(options: HarnessOptions, sms: SmsSender) {
  const config = loadConfig({ ...process.env, AMBER_SMS_RATE_PER_SECOND: String(options.quotaPerSecond) });
  const registry = new SimulatedRegistry(options.subscribers, config.regionCodes, options.optedOut);
  const deliveries = new SimulatedDeliveries(options.subscribers);
  const alerts = new InMemoryAlertRepository();
  const signer = new FakeContentSigner();
  const subscribers = asSubscriberRepository(registry);
  const model = options.dynamo;
  const deps = {
    alerts: model ? modelledAlerts(alerts, model) : alerts,
    subscribers:
      options.tables?.subscribers ??
      (model ? modelledSubscribers(subscribers, registry, model) : subscribers),
    deliveries:
      options.tables?.deliveries ?? (model ? new ModelledDeliveries(deliveries, model) : deliveries),
    sms,
    clock: options.clock ?? { now: () => new Date() },
    config,
    notifier: new FakeNotifier(),
    signer,
    smsQuota: fixedSmsQuota(options.quotaPerSecond),
  };
  const draft: Alert = anAlert({
    status: 'APPROVED',
    counties: options.counties,
    approvedAt: '2024-05-01T09:58:00.000Z',
    approvedBy: { sub: 'supervisor-tirana', username: 'supervisor.tirana' },
  });
  const alert: Alert = { ...draft, approvedContent: await signApprovedContent(deps, draft) };
  alerts.seed(alert);
  return { deps, registry, deliveries, alert, alertKey: `${alert.id}#ALERT` };
}
