import { Duration } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  type UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { GROUPS } from '../../lambdas/domain/identity';
import type { StageConfig } from '../stages';

export interface PoliceAuthProps {
  stage: StageConfig;
}

/** The custom attribute that places a police user in a directorate (region code or NATIONAL). */
export const DIRECTORATE_ATTRIBUTE = 'directorate';

/**
 * The police users: administrators create them (no self sign-up), each in the `officers` or `supervisors`
 * group and with a `custom:directorate`. TOTP MFA is required and tokens are short-lived.
 */
export class PoliceAuth extends Construct {
  readonly userPool: UserPool;
  /** The police web app: a public client (no secret), SRP sign-in. */
  readonly webClient: UserPoolClient;
  readonly groups: Readonly<Record<keyof typeof GROUPS, UserPoolGroup>>;

  constructor(scope: Construct, id: string, { stage }: PoliceAuthProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `amber-${stage.name}-police`,
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // An officer's changed email stays unused until its code is confirmed: recovery never goes to a typo.
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        [DIRECTORATE_ATTRIBUTE]: new StringAttribute({ minLen: 2, maxLen: 16, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: stage.deletionProtection,
      removalPolicy: stage.removalPolicy,
    });

    this.groups = {
      officers: this.userPool.addGroup('Officers', {
        groupName: GROUPS.officers,
        description: 'Police officers: submit and resolve alerts of their directorate',
        precedence: 20,
      }),
      supervisors: this.userPool.addGroup('Supervisors', {
        groupName: GROUPS.supervisors,
        description: 'Supervisors: approve or reject the alerts of their directorate (two-person rule)',
        precedence: 10,
      }),
    };

    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: `amber-${stage.name}-police-web`,
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.minutes(30),
      accessTokenValidity: Duration.minutes(30),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(DIRECTORATE_ATTRIBUTE),
      // The directorate decides which alerts a user sees and approves: only administrators may change it.
      // Cognito refuses a client that cannot write a required attribute: email is required, so it is here
      // (a new address takes effect only once verified: keepOriginal above).
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true, email: true }),
    });
  }
}
