import { type KMSClient, SignCommand, VerifyCommand } from '@aws-sdk/client-kms';
import type { ContentSignature, ContentSigner } from '../../ports/content-signer';

/** ECDSA P-256 with a KMS asymmetric key: only the digest is sent, and the private key never leaves KMS. */
export class KmsContentSigner implements ContentSigner {
  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string | undefined,
  ) {}

  async sign(digest: Uint8Array): Promise<ContentSignature> {
    if (!this.keyId) throw new Error('CONTENT_SIGNING_KEY_ID is not set');
    const out = await this.kms.send(
      new SignCommand({
        KeyId: this.keyId,
        Message: digest,
        MessageType: 'DIGEST',
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    if (!out.Signature || !out.KeyId) throw new Error('KMS returned no signature');
    return { signature: Buffer.from(out.Signature).toString('base64'), keyId: out.KeyId };
  }

  async verify(digest: Uint8Array, signed: ContentSignature): Promise<boolean> {
    try {
      const out = await this.kms.send(
        new VerifyCommand({
          KeyId: signed.keyId,
          Message: digest,
          MessageType: 'DIGEST',
          Signature: Buffer.from(signed.signature, 'base64'),
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      );
      return out.SignatureValid === true;
    } catch (error) {
      // KMS answers an invalid signature with an exception, not with SignatureValid false.
      if (error instanceof Error && error.name === 'KMSInvalidSignatureException') return false;
      throw error;
    }
  }
}
