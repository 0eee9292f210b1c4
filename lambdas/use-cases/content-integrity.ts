import type { Alert, ApprovalSignature } from '../domain/alert';
import { type ApprovedMessage, approvedContent, signedPart } from '../domain/approved-content';
import { signedDigest } from '../domain/public-content-digest';
import type { Dependencies } from '../ports/dependencies';

type IntegrityDeps = Pick<Dependencies, 'config' | 'signer'>;

/** Raised by the sender when what it is about to send is not what a supervisor approved. */
export class ContentIntegrityError extends Error {
  override name = 'ContentIntegrityError';
}

export async function signApprovedContent(
  deps: IntegrityDeps,
  alert: Alert,
  message?: ApprovedMessage,
): Promise<ApprovalSignature> {
  const content = approvedContent(alert, deps.config, message);
  const digest = signedDigest(signedPart(content));
  const signature = await deps.signer.sign(digest);
  return {
    digest: Buffer.from(digest).toString('hex'),
    ...signature,
    textsDigest: content.textsDigest,
    publicDigest: content.publicDigest,
    ...(content.version ? { version: content.version } : {}),
  };
}

/** Recomputes the texts and public fields from the stored alert and checks them against the approval signature. */
export async function assertApprovedContent(
  deps: IntegrityDeps,
  alert: Alert,
  message?: ApprovedMessage,
): Promise<void> {
  const signed = message?.kind === 'UPDATE' ? alert.updateRequest?.approvedContent : alert.approvedContent;
  if (!signed) throw new ContentIntegrityError('The message carries no approval signature');
  const digest = signedDigest(signedPart(approvedContent(alert, deps.config, message)));
  const matches = Buffer.from(digest).toString('hex') === signed.digest;
  if (!matches || !(await deps.signer.verify(digest, { signature: signed.signature, keyId: signed.keyId }))) {
    throw new ContentIntegrityError('The content changed after approval');
  }
}
