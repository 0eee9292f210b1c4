import type { AmberConfig } from '../../config/config';
import type { AlertReader } from '../../ports/alert-repository';
import type { Clock } from '../../ports/clock';
import type { LatestDeliveryFinder } from '../../ports/latest-delivery';
import type { RateLimiter } from '../../ports/rate-limiter';
import type { SmsSender } from '../../ports/sms-sender';
import type { TipNotifier } from '../../ports/tip-notifier';
import type { TipReader, TipRepository } from '../../ports/tip-repository';

/**
 * What the tips' use cases need. Apart from Dependencies (lambdas/ports/dependencies.ts) so that only
 * the functions that handle tips know the tips table; the local platform passes both.
 */
export interface TipDependencies {
  config: AmberConfig;
  clock: Clock;
  /** Tips only read alerts: a tip never changes its alert. */
  alerts: AlertReader;
  tips: TipRepository;
  /** Counters in the tips table: per client and per alert. */
  tipLimiter: RateLimiter;
  tipNotifier: TipNotifier;
  sms: SmsSender;
  latestDelivery: LatestDeliveryFinder;
}

export type TipReadDependencies = Pick<TipDependencies, 'config' | 'alerts'> & { tips: TipReader };
