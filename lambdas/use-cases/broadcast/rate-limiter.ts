/**
 * Paces the send workers to the account's SMS quota: never more than `perSecond` grants in any window of
 * 1000 ms (measured on the grant times actually observed, so a late timer cannot cause a catch-up burst),
 * and evenly spread within the second. At high rates grants are paced in small groups (10 ms worth), so
 * that 10,000/s does not need 10,000 timers per second.
 */
export class RateLimiter {
  /** Ring of the last `perSecond` grant times. */
  private readonly grants: Float64Array;
  private granted = 0;
  private readonly group: number;
  private readonly groupSpacingMs: number;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    if (!(perSecond >= 1)) throw new Error('perSecond must be at least 1');
    this.grants = new Float64Array(Math.floor(perSecond));
    this.group = Math.max(1, Math.floor(perSecond / 100));
    this.groupSpacingMs = (this.group * 1000) / perSecond;
  }

  /** Resolves when the caller may send one message. Callers are served in arrival order. */
  take(): Promise<void> {
    const turn = this.chain.then(() => this.waitForGrant());
    this.chain = turn;
    return turn;
  }

  private earliestNext(): number {
    const size = this.grants.length;
    let earliest = Number.NEGATIVE_INFINITY;
    if (this.granted >= size) earliest = (this.grants[this.granted % size] ?? 0) + 1000;
    if (this.granted >= this.group) {
      const paced = (this.grants[(this.granted - this.group) % size] ?? 0) + this.groupSpacingMs;
      earliest = Math.max(earliest, paced);
    }
    return earliest;
  }

  private async waitForGrant(): Promise<void> {
    for (;;) {
      const now = this.now();
      const earliest = this.earliestNext();
      if (now >= earliest) {
        this.grants[this.granted % this.grants.length] = now;
        this.granted++;
        return;
      }
      await this.sleep(earliest - now);
    }
  }
}
