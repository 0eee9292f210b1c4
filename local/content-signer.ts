import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContentSignature, ContentSigner } from '../lambdas/ports/content-signer';

/**
 * KMS stand-in for signing approved content: an ECDSA P-256 key generated on first start and kept under the
 * data dir, so that signatures made before a restart still verify after it. Signatures are DER, base64, as
 * KMS returns them. KMS signs the digest itself (MessageType DIGEST); Node has no pre-hashed ECDSA, so here
 * the digest is hashed once more: a local signature verifies locally, not against the KMS key.
 */

export const LOCAL_SIGNING_KEY_ID = 'local';
const KEY_FILE = 'content-signing-key.json';

export class LocalContentSigner implements ContentSigner {
  private constructor(
    private readonly privateKey: KeyObject,
    private readonly publicKey: KeyObject,
  ) {}

  static async open(dataDir: string): Promise<LocalContentSigner> {
    const file = join(dataDir, KEY_FILE);
    let jwk: JsonWebKey;
    try {
      jwk = JSON.parse(await readFile(file, 'utf8')) as JsonWebKey;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
      await mkdir(dataDir, { recursive: true });
      await writeFile(file, JSON.stringify(jwk), { flag: 'wx', mode: 0o600 }).catch(
        async (e: NodeJS.ErrnoException) => {
          if (e.code !== 'EEXIST') throw e;
          jwk = JSON.parse(await readFile(file, 'utf8')) as JsonWebKey;
        },
      );
    }
    const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
    return new LocalContentSigner(privateKey, createPublicKey(privateKey));
  }

  async sign(digest: Uint8Array): Promise<ContentSignature> {
    const signature = sign('sha256', digest, { key: this.privateKey, dsaEncoding: 'der' });
    return { signature: signature.toString('base64'), keyId: LOCAL_SIGNING_KEY_ID };
  }

  async verify(digest: Uint8Array, signed: ContentSignature): Promise<boolean> {
    if (signed.keyId !== LOCAL_SIGNING_KEY_ID) return false;
    return verify(
      'sha256',
      digest,
      { key: this.publicKey, dsaEncoding: 'der' },
      Buffer.from(signed.signature, 'base64'),
    );
  }
}
