import { KmsContentSigner } from '../../adapters/aws/kms-content-signer';
import { kmsClient } from '../clients/kms';
import { resources } from './config';

export const contentSigner = new KmsContentSigner(kmsClient, resources.contentSigningKeyId);
