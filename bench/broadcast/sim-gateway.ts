import { type SmsMessage, SmsSendError, type SmsSender } from '../../lambdas/ports/sms-sender';
import { indexOfPhone } from './sim-registry';

export interface GatewaySettings {
  /** The account quota the gateway enforces: more than this in any second is Throttled. */
  quotaPerSecond: number;
  latencyMs: { min: number; max: number };
  /** Share of sends answered Throttled although under quota (the carrier's own limits). */
  throttleShare: number;
  /** Deterministic randomness for latency and throttling. */
  random: () => number;
}

/**
 * An SMS gateway like SNS: accepts a message after some latency, refuses with Throttled above the quota
 * (sliding one-second window) or at random, and counts what each phone received.
 */
export class SimulatedGateway implements SmsSender {
  readonly received: Uint8Array;
  accepted = 0;
  throttled = 0;
  firstAt = 0;
  lastAt = 0;
  private readonly window: Float64Array;
  private windowCount = 0;

  constructor(
    size: number,
    private readonly settings: GatewaySettings,
  ) {
    this.received = new Uint8Array(size);
    // Headroom for timer jitter between the sender's clock and ours.
    this.window = new Float64Array(Math.ceil(settings.quotaPerSecond * 1.02));
  }

  private overQuota(now: number): boolean {
    const size = this.window.length;
    if (this.windowCount >= size && (this.window[this.windowCount % size] ?? 0) > now - 1000) return true;
    this.window[this.windowCount % size] = now;
    this.windowCount++;
    return false;
  }

  async send(message: SmsMessage): Promise<{ providerMessageId?: string }> {
    const { min, max } = this.settings.latencyMs;
    const arrived = performance.now();
    if (this.overQuota(arrived) || this.settings.random() < this.settings.throttleShare) {
      this.throttled++;
      await new Promise((r) => setTimeout(r, min));
      throw new SmsSendError('Throttling', true);
    }
    await new Promise((r) => setTimeout(r, min + this.settings.random() * (max - min)));
    const i = indexOfPhone(message.to);
    this.received[i] = Math.min(255, (this.received[i] ?? 0) + 1);
    this.accepted++;
    const at = performance.now();
    if (!this.firstAt) this.firstAt = at;
    this.lastAt = at;
    return {};
  }
}
