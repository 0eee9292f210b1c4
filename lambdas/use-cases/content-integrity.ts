import type { Dependencies } from '../commons/dependencies';
import type { Alert } from '../domain/alert';
import { approvedContent, contentDigest } from '../domain/approved-content';

type IntegrityDeps = Pick<Dependencies, 'config' | 'signer'>;

/** Raised by the sender when what it is about to send is not what a supervisor approved. */
export class ContentIntegrityError extends Error {
  override name = 'ContentIntegrityError';
}

export async function signApprovedContent(
  deps: IntegrityDeps,
  alert: Alert,
): Promise<NonNullable<Alert['approvedContent']>> {
  const digest = contentDigest(approvedContent(alert, deps.config));
  const signature = await deps.signer.sign(digest);
  return { digest: Buffer.from(digest).toString('hex'), ...signature };
}

/** Recomputes the texts and counties from the stored alert and checks them against the approval signature. */
export async function assertApprovedContent(deps: IntegrityDeps, alert: Alert): Promise<void> {
  const signed = alert.approvedContent;
  if (!signed) throw new ContentIntegrityError('The alert carries no approval signature');
  const digest = contentDigest(approvedContent(alert, deps.config));
  const matches = Buffer.from(digest).toString('hex') === signed.digest;
  if (!matches || !(await deps.signer.verify(digest, { signature: signed.signature, keyId: signed.keyId }))) {
    throw new ContentIntegrityError('The content changed after approval');
  }
}
