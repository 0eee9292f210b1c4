import type { AmberConfig } from '../config/config';
import type { AlertReader, AlertRepository } from './alert-repository';
import type { Clock } from './clock';
import type { ContentSigner } from './content-signer';
import type { DeliveryRepository } from './delivery-repository';
import type { Notifier } from './notifier';
import type { RateLimiter } from './rate-limiter';
import type { SmsQuota } from './sms-quota';
import type { SmsSender } from './sms-sender';
import type { SubscriberRepository } from './subscriber-repository';
import type { WorkflowEngine } from './workflow-engine';

/**
 * Everything a handler may need from the outside world. Each handler module exports
 * `createHandler(deps)` (the handler code, also what the local platform runs) and `handler`, the same code
 * wired to AWS adapters whose clients are created once per Lambda container.
 */
export interface Dependencies {
  config: AmberConfig;
  clock: Clock;
  alerts: AlertRepository;
  subscribers: SubscriberRepository;
  deliveries: DeliveryRepository;
  workflow: WorkflowEngine;
  sms: SmsSender;
  notifier: Notifier;
  signer: ContentSigner;
  rateLimiter: RateLimiter;
  smsQuota: SmsQuota;
}

/** The dependencies of a read-only function: the alerts' reads only, as its role allows. */
export type ReadDependencies = Omit<Dependencies, 'alerts'> & { alerts: AlertReader };
