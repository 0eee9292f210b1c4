import type { Dependencies } from '../../ports/dependencies';
import { finishBroadcast } from './finish-broadcast';
import type { BroadcastMessage } from './messages';
import { planBroadcast } from './plan-broadcast';
import { type BroadcastOutcome, type BroadcastRunOptions, sendShard } from './send-shard';

export { audienceOf } from './plan-broadcast';
export type { BroadcastOutcome, BroadcastRunOptions } from './send-shard';

type BroadcastDeps = Pick<
  Dependencies,
  'alerts' | 'subscribers' | 'deliveries' | 'sms' | 'clock' | 'config' | 'notifier' | 'signer' | 'smsQuota'
>;

/**
 * The whole fan-out in one process: plan, every shard at once, finish. The state machine runs the same
 * three steps as separate Lambda invocations (a Map over the shards); this composition serves a single
 * invocation (a re-drive by hand, the unit tests) and the benchmark. A run whose budget ends before every
 * shard is done returns `{done: false}`; the next run plans again (a no-op for planned phones) and goes on.
 */
export async function broadcastMessage(
  deps: BroadcastDeps,
  alertId: string,
  message: BroadcastMessage,
  options: BroadcastRunOptions = {},
): Promise<BroadcastOutcome> {
  const plan = await planBroadcast(deps, alertId, message);
  const outcomes = await Promise.all(
    plan.shards.map((shard) => sendShard(deps, { alertId, message, ...shard }, options)),
  );
  if (outcomes.some((o) => !o.done)) return { done: false };
  return finishBroadcast(deps, alertId, message);
}
