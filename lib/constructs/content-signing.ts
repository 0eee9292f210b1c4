import { Duration } from 'aws-cdk-lib';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { StageConfig } from '../stages';

export interface ContentSigningProps {
  stage: StageConfig;
}

/**
 * The key that signs what a supervisor approved (lambdas/ports/content-signer.ts): ECDSA P-256, the private
 * half never leaves KMS. Asymmetric keys cannot rotate automatically; signatures name the key that made them,
 * so a new key can replace this one without invalidating what was signed before (keep the old one).
 */
export class ContentSigning extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, { stage }: ContentSigningProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: `AMBER Alert ${stage.name}: signs approved alert content`,
      alias: `alias/amber-${stage.name}-content-signing`,
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: stage.removalPolicy,
      pendingWindow: Duration.days(30),
    });
  }
}
