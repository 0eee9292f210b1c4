import { assertCanManageDrill, type Principal } from '../domain/identity';
import { maskPhone } from '../domain/phone';
import type { DrillRecipientRequest, DrillRemovalRequest } from '../domain/phone-schemas';
import { logger } from '../observability/logger';
import type { Dependencies } from '../ports/dependencies';

type DrillDeps = Pick<Dependencies, 'subscribers' | 'clock'>;

export interface DrillRecipientView {
  /** Masked: the list shows which phones are in the group without handing out staff numbers. */
  phone: string;
  language: string;
  addedBy: string;
  addedAt: string;
}

/** Adds a phone to the drill group (idempotent: registering it again updates its language). */
export async function addDrillRecipient(
  deps: DrillDeps,
  principal: Principal,
  request: DrillRecipientRequest,
): Promise<DrillRecipientView> {
  assertCanManageDrill(principal);
  const recipient = {
    phone: request.phone,
    language: request.language,
    addedBy: principal.username,
    addedAt: deps.clock.now().toISOString(),
  };
  await deps.subscribers.putDrillRecipient(recipient);
  logger.info('Drill recipient registered', { phone: maskPhone(request.phone), addedBy: principal.sub });
  return { ...recipient, phone: maskPhone(recipient.phone) };
}

/** The whole drill group: a handful of staff phones, so it is read in full. */
export async function listDrillRecipients(
  deps: DrillDeps,
  principal: Principal,
): Promise<DrillRecipientView[]> {
  assertCanManageDrill(principal);
  const items: DrillRecipientView[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.subscribers.drillRecipientsPage(cursor);
    items.push(...page.recipients.map((r) => ({ ...r, phone: maskPhone(r.phone) })));
    cursor = page.next;
  } while (cursor);
  return items;
}

/** Takes a phone out of the drill group (a staff member who left, a lost phone); repeating it changes nothing. */
export async function removeDrillRecipient(
  deps: DrillDeps,
  principal: Principal,
  request: DrillRemovalRequest,
): Promise<{ removed: boolean }> {
  assertCanManageDrill(principal);
  const removed = await deps.subscribers.removeDrillRecipient(request.phone);
  logger.info('Drill recipient removed', {
    phone: maskPhone(request.phone),
    removedBy: principal.sub,
    removed,
  });
  return { removed };
}
