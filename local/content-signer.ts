import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ContentSignature, ContentSigner } from '../lambdas/ports/content-signer';

const KEY_FILE = 'content-signing-key.pem';
export const LOCAL_SIGNING_KEY_ID = 'local-content-signing-key';

/**
 * The local stand-in for the KMS signing key: an ECDSA P-256 key kept in the data folder, so that an alert
 * approved before a restart still verifies after it.
 */
export class LocalContentSigner implements ContentSigner {
  private constructor(
    private readonly privateKey: KeyObject,
    private readonly publicKey: KeyObject,
  ) {}

  static open(dataDir: string): LocalContentSigner {
    const file = join(dataDir, KEY_FILE);
    if (!existsSync(file)) {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    }
    const privateKey = createPrivateKey(readFileSync(file));
    return new LocalContentSigner(privateKey, createPublicKey(privateKey));
  }

  async sign(digest: Uint8Array): Promise<ContentSignature> {
    return { signature: sign('sha256', digest, this.privateKey).toString('base64'), keyId: LOCAL_SIGNING_KEY_ID };
  }

  async verify(digest: Uint8Array, signed: ContentSignature): Promise<boolean> {
    if (signed.keyId !== LOCAL_SIGNING_KEY_ID) return false;
    return verify('sha256', digest, this.publicKey, Buffer.from(signed.signature, 'base64'));
  }
}
