/** Fixed-window counters against abuse of the public routes that text a phone (SMS pumping, harassment). */
export interface RateLimiter {
  /**
   * Counts one use of `key` in the current window of `windowSeconds`; false (and not counted) once `limit`
   * uses are reached. Keys are hashed by the adapter: no phone number or IP is stored in clear.
   */
  tryHit(key: string, limit: number, windowSeconds: number, now: Date): Promise<boolean>;
}
