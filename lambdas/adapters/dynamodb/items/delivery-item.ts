import * as z from 'zod/mini';
import type { Delivery, ShardTotals } from '../../../ports/delivery-repository';
import type { Same } from './parse-item';

const str = z.string();
const num = z.number();

/** A delivery record as stored in the deliveries table (its `messageKey` is the partition's). */
export const deliveryItem = z.object({
  messageKey: str,
  phone: str,
  language: str,
  audience: z.enum(['PUBLIC', 'DRILL']),
  status: z.enum(['PENDING', 'SENDING', 'SENT', 'FAILED']),
  attempts: num,
  leaseUntil: z.optional(str),
  sentAt: z.optional(str),
  error: z.optional(str),
  ambiguous: z.optional(z.boolean()),
});

/** One shard's running totals in the message's ledger partition. */
export const shardTotalsItem = z.object({ shard: num, sent: num, failed: num, ambiguousResent: num });

/** Only the key of a record: what the retention purge reads. */
export const deliveryKeyItem = z.object({ phone: str });

const deliveryMatchesPort: Same<z.output<typeof deliveryItem>, Delivery> = true;
const totalsMatchPort: Same<z.output<typeof shardTotalsItem>, ShardTotals> = true;
void deliveryMatchesPort;
void totalsMatchPort;
