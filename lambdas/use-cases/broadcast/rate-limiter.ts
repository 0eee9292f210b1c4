/**
 * Paces the send workers to the account's SMS quota: never more than `perSecond` grants in any window of
 * 1000 ms (measured on the grant times actually observed, so a late timer cannot cause a catch-up burst),
 * and evenly spread within the second. At high rates grants are paced in small groups (10 ms worth), so
 * that 10,000/s does not need 10,000 timers per second.
 */
/** How late a group may start and still keep the schedule (catching up on the next groups). */
const CATCH_UP_MS = 100;

export class RateLimiter {
  /** Ring of the last `perSecond` grant times. */
  private readonly grants: Float64Array;
  private granted = 0;
  /** When the next group may start, on the schedule (not on late timers, whose delay would add up). */
  private due = Number.NEGATIVE_INFINITY;
  private leftInGroup = 0;
  private readonly group: number;
  private readonly groupSpacingMs: number;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly perSecond: number,
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

  private earliestNext(now: number): number {
    const size = this.grants.length;
    // The hard limit, on observed grant times: the oldest of the last N grants must be a second old.
    const windowed = this.granted >= size ? (this.grants[this.granted % size] ?? 0) + 1000 : now;
    return Math.max(windowed, this.leftInGroup > 0 ? now : this.due);
  }

  private async waitForGrant(): Promise<void> {
    for (;;) {
      const now = this.now();
      const earliest = this.earliestNext(now);
      if (now >= earliest) {
        if (this.leftInGroup === 0) {
          // A group whose timer fired late (up to CATCH_UP_MS: a busy event loop, several limiters in one
          // process) keeps the schedule, so lateness does not add up; after a longer pause the schedule
          // restarts now, so no burst builds up. The window on observed grants caps any catch-up.
          const nominal = now - this.due < Math.max(this.groupSpacingMs, CATCH_UP_MS) ? this.due : now;
          this.due = nominal + this.groupSpacingMs;
          this.leftInGroup = this.group;
        }
        this.leftInGroup--;
        this.grants[this.granted % this.grants.length] = now;
        this.granted++;
        return;
      }
      await this.sleep(earliest - now);
    }
  }
}
