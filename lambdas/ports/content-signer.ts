export interface ContentSignature {
  /** Base64 signature over the SHA-256 digest of the approved content. */
  signature: string;
  /** Which key signed (a KMS key ARN in AWS, `local` on the local platform). */
  keyId: string;
}

/**
 * Signs what a supervisor approved, so that the sender can prove it sends exactly that: a KMS asymmetric key
 * in AWS (the private half never leaves KMS), a local key on the local platform.
 */
export interface ContentSigner {
  sign(digest: Uint8Array): Promise<ContentSignature>;
  verify(digest: Uint8Array, signature: ContentSignature): Promise<boolean>;
}
