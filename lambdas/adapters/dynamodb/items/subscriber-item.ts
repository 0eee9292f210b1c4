import * as z from 'zod/mini';
import type { DrillRecipient, Subscriber } from '../../../ports/subscriber-repository';
import type { Same } from './parse-item';

const str = z.string();
const language = str;
const counties = z.array(str);

/** A subscriber's profile (`PHONE#…/PROFILE`); the keys are left out of what is read. */
export const subscriberItem = z.object({
  phone: str,
  status: z.enum(['PENDING_CONFIRMATION', 'ACTIVE', 'UNSUBSCRIBED', 'OPTED_OUT']),
  language,
  counties,
  pending: z.optional(
    z.object({
      codeHash: str,
      expiresAt: str,
      attempts: z.number(),
      purpose: z.optional(z.enum(['SUBSCRIBE', 'UNSUBSCRIBE'])),
      counties,
      language,
    }),
  ),
  confirmedAt: z.optional(str),
  updatedAt: str,
});

/** A county membership (`COUNTY#…/PHONE#…`), with the phone's full county list. */
export const membershipItem = z.object({ phone: str, language, counties: z.optional(counties) });

/** A phone of the drill group. */
export const drillRecipientItem = z.object({ phone: str, language, addedBy: str, addedAt: str });

const subscriberMatchesPort: Same<z.output<typeof subscriberItem>, Subscriber> = true;
const drillMatchesPort: Same<z.output<typeof drillRecipientItem>, DrillRecipient> = true;
void subscriberMatchesPort;
void drillMatchesPort;
