/**
 * A token bucket shared by the send workers: at most `perSecond` sends start in any second, with bursts of
 * at most one second's worth, so the account's SMS quota is used fully but never overrun.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.tokens = Math.min(perSecond, 1);
    this.last = now();
  }

  /** Resolves when the caller may send one message. Callers are served in arrival order. */
  take(): Promise<void> {
    const turn = this.chain.then(() => this.waitForToken());
    this.chain = turn;
    return turn;
  }

  private async waitForToken(): Promise<void> {
    for (;;) {
      const now = this.now();
      this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(((1 - this.tokens) / this.perSecond) * 1000);
    }
  }
}
