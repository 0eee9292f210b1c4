import { createHash } from 'node:crypto';
import { LOCAL_SIGNING_KEY_ID, LocalContentSigner } from '../../../local/content-signer';
import { tempDir } from './helpers';

describe('local content signer', () => {
  const digest = new Uint8Array(createHash('sha256').update('{"alertId":"a","texts":{}}').digest());
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.remove());

  it('signs a digest and verifies it, also after a restart', async () => {
    const signer = await LocalContentSigner.open(dir.path);
    const signed = await signer.sign(digest);
    expect(signed.keyId).toBe(LOCAL_SIGNING_KEY_ID);
    await expect(signer.verify(digest, signed)).resolves.toBe(true);
    const restarted = await LocalContentSigner.open(dir.path);
    await expect(restarted.verify(digest, signed)).resolves.toBe(true);
  });

  it('refuses another digest, another key id and another key', async () => {
    const signer = await LocalContentSigner.open(dir.path);
    const signed = await signer.sign(digest);
    const other = new Uint8Array(createHash('sha256').update('changed').digest());
    await expect(signer.verify(other, signed)).resolves.toBe(false);
    await expect(signer.verify(digest, { ...signed, keyId: 'arn:aws:kms:x' })).resolves.toBe(false);
    const elsewhere = await tempDir();
    try {
      const stranger = await LocalContentSigner.open(elsewhere.path);
      await expect(stranger.verify(digest, signed)).resolves.toBe(false);
    } finally {
      await elsewhere.remove();
    }
  });
});
