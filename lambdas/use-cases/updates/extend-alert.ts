import { type Alert, deadlineAfter, type IssuedMessage } from '../../domain/alert';
import { nextVersion } from '../../domain/alert-update';
import { capIdentifier } from '../../domain/cap/cap-identity';
import { ConcurrentChangeError, ConflictError, NotFoundError } from '../../domain/errors';
import { assertCanExtend, type Principal, toActor } from '../../domain/identity';
import type { ExtensionRequest } from '../../domain/schemas';
import { logger } from '../../observability/logger';
import type { Dependencies } from '../../ports/dependencies';
import { approvalOf } from '../public-integrity';
import { wakeWorkflow } from '../wake-workflow';

type ExtendDeps = Pick<Dependencies, 'alerts' | 'workflow' | 'clock' | 'config'>;

/**
 * The extension's own message: no SMS, but a CAP Update (next version, referring to every earlier message)
 * that repeats the latest issued content with the new expiry, so that partners keep the alert until then.
 */
function extensionMessage(
  deps: ExtendDeps,
  alert: Alert,
  version: number,
  expiresAt: string,
  sentAt: string,
): IssuedMessage {
  const latest = alert.messages?.at(-1);
  if (!latest) throw new ConflictError('The alert has not been issued yet');
  return {
    kind: 'EXTENSION',
    version,
    sentAt,
    capIdentifier: capIdentifier(deps.config, alert.id, version),
    // The same content as the latest message: the same approval stands for it.
    ...(approvalOf(alert, latest) ? { approval: approvalOf(alert, latest) } : {}),
    content: { ...latest.content, expiresAt },
  };
}

/**
 * Versions are given in the order messages are issued. An update that is waiting for its approval (or
 * approved and not yet issued) already holds the next version, so the extension waits for it to be
 * decided: the supervisor extending may decide it first (only its officer author may not).
 */
function assertNoUpdateHoldsTheNextVersion(alert: Alert): void {
  const update = alert.updateRequest;
  if (update?.state === 'AWAITING_APPROVAL')
    throw new ConflictError(`Update ${update.version} is awaiting approval: decide it before extending`, {
      version: update.version,
    });
  if (update?.state === 'APPROVED' && !alert.messages?.some((m) => m.version === update.version))
    throw new ConflictError(`Update ${update.version} is being issued: extend again in a moment`, {
      version: update.version,
    });
}

/**
 * A supervisor keeps an active alert running longer. No SMS: the public already has the alert. Partners
 * reading CAP get an Update with the new expiry, recorded in the same conditional write as the expiry.
 * The waiting workflow is woken so that its next wait runs to the new expiry.
 */
export async function extendAlert(
  deps: ExtendDeps,
  principal: Principal,
  alertId: string,
  request: ExtensionRequest,
): Promise<Alert> {
  const alert = await deps.alerts.get(alertId);
  if (!alert) throw new NotFoundError('Alert not found');
  assertCanExtend(alert, principal);
  const now = deps.clock.now();
  const at = now.toISOString();
  if (alert.status !== 'ACTIVE' || !alert.expiresAt || alert.expiresAt <= at)
    throw new ConflictError(`Alert is ${alert.status === 'ACTIVE' ? 'expiring' : alert.status}, not ACTIVE`);
  assertNoUpdateHoldsTheNextVersion(alert);
  const version = nextVersion(alert);
  const expiresAt = deadlineAfter(
    new Date(alert.expiresAt),
    request.hours * 3600,
    deps.config.timeouts.timeScale,
  );
  const issued = alert.messages ?? [];
  const message = extensionMessage(deps, alert, version, expiresAt, at);
  try {
    const updated = await deps.alerts.transition({
      id: alertId,
      from: ['ACTIVE'],
      to: 'ACTIVE',
      entry: {
        at,
        actor: toActor(principal),
        action: 'EXTEND',
        from: 'ACTIVE',
        to: 'ACTIVE',
        reason: `+${request.hours} h, until ${expiresAt}, version ${message.version}`,
      },
      set: {
        expiresAt,
        durationHours: alert.durationHours + request.hours,
        messages: [...issued, message],
      },
      // Expiry is not undone: the alert must still be running when the extension lands.
      notAfter: { attribute: 'expiresAt', now: at },
      // Its version is still free: no other message issued, no update asked for or decided meanwhile.
      issuedMessages: issued.length,
      updateRequest: alert.updateRequest
        ? { states: [alert.updateRequest.state], version: alert.updateRequest.version }
        : { states: ['NONE'] },
    });
    await wakeWorkflow(deps, updated);
    logger.info('Alert extended', { alertId, hours: request.hours, version: message.version });
    return updated;
  } catch (error) {
    if (error instanceof ConcurrentChangeError)
      throw new ConflictError('The alert changed meanwhile (ended, expired, updated or extended)');
    throw error;
  }
}
