import type { Alert, ApprovalSignature, IssuedMessage } from '../domain/alert';
import { type PublicFields, publicSignedDigest } from '../domain/public-content-digest';
import { logger } from '../observability/logger';
import type { ContentSigner } from '../ports/content-signer';
import type { Dependencies } from '../ports/dependencies';

/**
 * The check of every public document against its approval signature. Apart from content-integrity.ts: the
 * public functions then bundle no SMS composer.
 */

/**
 * The approval the alert's current fields come from: the open update's once approved, else the latest update
 * that went out (a later update may have been rejected), else the alert's own.
 */
export function currentApproval(alert: Alert): ApprovalSignature | undefined {
  const update = alert.updateRequest;
  if (update?.approvedContent && (update.state === 'APPROVED' || update.state === 'SENT')) {
    return update.approvedContent;
  }
  const sentUpdates = (alert.messages ?? []).filter((m) => m.kind === 'UPDATE' && m.approval);
  return sentUpdates.at(-1)?.approval ?? alert.approvedContent;
}

/** The approval a message's content comes from (recorded when it was issued). */
export function approvalOf(alert: Alert, message: IssuedMessage): ApprovalSignature | undefined {
  return message.approval ?? (message.kind === 'ALERT' ? alert.approvedContent : currentApproval(alert));
}

// A signature once verified stays valid: one KMS call per approval and container, not one per request.
const verified = new WeakMap<ContentSigner, Map<string, Promise<boolean>>>();

/**
 * Whether `fields` are what a supervisor approved, before any public document shows them. When not, the
 * content is withheld and the same log line as the sender's refusal (`failure: ContentIntegrityError`) makes
 * the ContentIntegrity alarm fire.
 */
export async function isApprovedPublicContent(
  deps: Pick<Dependencies, 'signer'>,
  alert: Alert,
  fields: PublicFields,
  approval: ApprovalSignature | undefined,
): Promise<boolean> {
  const digest = approval ? publicSignedDigest(alert, fields, approval) : undefined;
  let valid = false;
  if (approval && digest) {
    const cache = verified.get(deps.signer) ?? new Map<string, Promise<boolean>>();
    verified.set(deps.signer, cache);
    const key = `${approval.keyId} ${approval.digest} ${approval.signature}`;
    let check = cache.get(key);
    if (!check) {
      check = deps.signer.verify(digest, { signature: approval.signature, keyId: approval.keyId });
      cache.set(key, check);
      check.catch(() => cache.delete(key));
    }
    valid = await check;
  }
  if (!valid) {
    logger.error('Public content withheld: it is not what was approved', {
      alertId: alert.id,
      failure: 'ContentIntegrityError',
    });
  }
  return valid;
}
