import 'aws-sdk-client-mock-jest';
import {
  DisabledException,
  KMSClient,
  KMSInvalidSignatureException,
  SignCommand,
  VerifyCommand,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { KmsContentSigner } from '../../../lambdas/adapters/aws/kms-content-signer';

const KEY = 'arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const client = new KMSClient({ region: 'eu-central-1' });
const kms = mockClient(client);
const signer = new KmsContentSigner(client, KEY);
const digest = new Uint8Array(32).fill(7);
const meta = { $metadata: {} };

beforeEach(() => kms.reset());

describe('sign', () => {
  test('signs the digest (not the content) with ECDSA P-256 and returns base64 and the key ARN', async () => {
    kms.on(SignCommand).resolves({ Signature: new Uint8Array([1, 2, 3]), KeyId: KEY });
    await expect(signer.sign(digest)).resolves.toEqual({ signature: 'AQID', keyId: KEY });
    expect(kms).toHaveReceivedCommandWith(SignCommand, {
      KeyId: KEY,
      Message: digest,
      MessageType: 'DIGEST',
      SigningAlgorithm: 'ECDSA_SHA_256',
    });
  });

  test('without a key id it refuses before calling KMS', async () => {
    await expect(new KmsContentSigner(client, undefined).sign(digest)).rejects.toThrow(
      'CONTENT_SIGNING_KEY_ID is not set',
    );
    expect(kms.calls()).toHaveLength(0);
  });

  test('an answer without a signature is an error, not an empty signature', async () => {
    kms.on(SignCommand).resolves({ KeyId: KEY });
    await expect(signer.sign(digest)).rejects.toThrow('KMS returned no signature');
  });

  test('KMS errors are thrown', async () => {
    kms.on(SignCommand).rejects(new DisabledException({ message: 'disabled', ...meta }));
    await expect(signer.sign(digest)).rejects.toBeInstanceOf(DisabledException);
  });
});

describe('verify', () => {
  const signed = { signature: 'AQID', keyId: KEY };

  test('asks KMS with the key that signed, and trusts SignatureValid', async () => {
    kms.on(VerifyCommand).resolves({ SignatureValid: true, KeyId: KEY });
    await expect(signer.verify(digest, signed)).resolves.toBe(true);
    expect(kms).toHaveReceivedCommandWith(VerifyCommand, {
      KeyId: KEY,
      Message: digest,
      MessageType: 'DIGEST',
      Signature: new Uint8Array([1, 2, 3]),
      SigningAlgorithm: 'ECDSA_SHA_256',
    });
  });

  test('SignatureValid false or missing is false', async () => {
    kms.on(VerifyCommand).resolvesOnce({ SignatureValid: false }).resolvesOnce({});
    await expect(signer.verify(digest, signed)).resolves.toBe(false);
    await expect(signer.verify(digest, signed)).resolves.toBe(false);
  });

  test('KMSInvalidSignatureException (how KMS says "invalid") is false', async () => {
    kms.on(VerifyCommand).rejects(new KMSInvalidSignatureException({ message: 'invalid', ...meta }));
    await expect(signer.verify(digest, signed)).resolves.toBe(false);
  });

  test('other KMS errors are thrown, not taken as a verdict', async () => {
    kms.on(VerifyCommand).rejects(new DisabledException({ message: 'disabled', ...meta }));
    await expect(signer.verify(digest, signed)).rejects.toBeInstanceOf(DisabledException);
  });
});
