import type { Dependencies } from '../../../lambdas/ports/dependencies';
import { fixedSmsQuota } from '../../../lambdas/ports/sms-quota';
import { FakeClock } from './clock';
import { testConfig } from './config';
import { FakeLatestDelivery, FakeTipNotifier, InMemoryTipRepository } from './fake-tips';
import {
  FakeContentSigner,
  FakeNotifier,
  FakeRateLimiter,
  FakeSmsSender,
  FakeWorkflowEngine,
  InMemoryAlertRepository,
  InMemoryDeliveryRepository,
  InMemorySubscriberRepository,
} from './fakes';

/** Every dependency, as fakes whose concrete types the test can reach into. */
export interface FakeDependencies extends Dependencies {
  clock: FakeClock;
  alerts: InMemoryAlertRepository;
  subscribers: InMemorySubscriberRepository;
  deliveries: InMemoryDeliveryRepository;
  workflow: FakeWorkflowEngine;
  sms: FakeSmsSender;
  notifier: FakeNotifier;
  signer: FakeContentSigner;
  rateLimiter: FakeRateLimiter;
  /** The tips' dependencies (TipDependencies). */
  tips: InMemoryTipRepository;
  tipLimiter: FakeRateLimiter;
  tipNotifier: FakeTipNotifier;
  latestDelivery: FakeLatestDelivery;
}

export function fakeDependencies(overrides: Partial<FakeDependencies> = {}): FakeDependencies {
  const config = overrides.config ?? testConfig();
  return {
    config,
    clock: new FakeClock(),
    alerts: new InMemoryAlertRepository(),
    subscribers: new InMemorySubscriberRepository(),
    deliveries: new InMemoryDeliveryRepository(),
    workflow: new FakeWorkflowEngine(),
    sms: new FakeSmsSender(),
    notifier: new FakeNotifier(),
    signer: new FakeContentSigner(),
    rateLimiter: new FakeRateLimiter(),
    // The configured quota unless a test sets one: what the local platform does.
    smsQuota: fixedSmsQuota(config.sms.ratePerSecond),
    tips: new InMemoryTipRepository(),
    tipLimiter: new FakeRateLimiter(),
    tipNotifier: new FakeTipNotifier(),
    latestDelivery: new FakeLatestDelivery(),
    ...overrides,
  };
}
