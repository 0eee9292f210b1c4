import { Match } from 'aws-cdk-lib/assertions';
import { GROUPS } from '../../lambdas/domain/identity';
import { resourcesOfType, type Synthesized, synthAmber } from './synth';

let dev: Synthesized;
beforeAll(() => {
  dev = synthAmber();
});

describe('police user pool', () => {
  test('administrators create users; no self sign-up', () => {
    dev.template.resourceCountIs('AWS::Cognito::UserPool', 1);
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameConfiguration: { CaseSensitive: false },
    });
  });

  test('MFA is required, with TOTP only (no SMS codes, so no SMS role)', () => {
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      SmsConfiguration: Match.absent(),
    });
  });

  test('passwords: at least 12 characters of every class', () => {
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
    });
  });

  test('custom attribute directorate: a mutable string', () => {
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([
        {
          Name: 'directorate',
          AttributeDataType: 'String',
          Mutable: true,
          StringAttributeConstraints: Match.anyValue(),
        },
      ]),
    });
  });

  test('groups officers and supervisors, named as the handlers expect', () => {
    const groups = Object.values(resourcesOfType(dev.template, 'AWS::Cognito::UserPoolGroup')).map(
      (g) => (g.Properties as { GroupName: string }).GroupName,
    );
    expect(groups.sort()).toEqual(Object.values(GROUPS).sort());
  });

  test('dev pool is deletable; prod pool is protected and retained', () => {
    dev.template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtection: 'INACTIVE' }),
    });
    const prod = synthAmber({ stage: 'prod' });
    prod.template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
  });
});

describe('police web app client', () => {
  const clients = () => Object.values(resourcesOfType(dev.template, 'AWS::Cognito::UserPoolClient'));
  const named = (name: string) => clients().filter((c) => c.Properties?.ClientName === name);
  const client = () => named('amber-dev-police-web');

  test("two public clients, the API's and the console's; neither has a secret", () => {
    expect(clients()).toHaveLength(2);
    for (const c of clients()) expect(c.Properties?.GenerateSecret).toBe(false);
  });

  test("the console's client: the authorization code grant only (PKCE in the browser), back to the console", () => {
    const [consoleClient] = named('amber-dev-police-console');
    expect(consoleClient?.Properties).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      GenerateSecret: false,
    });
    expect(JSON.stringify(consoleClient?.Properties?.CallbackURLs)).toContain('/console/');
  });

  test('the API client: no secret, SRP sign-in only, no OAuth', () => {
    expect(client()).toHaveLength(1);
    expect(client()[0]?.Properties).toMatchObject({
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
  });

  test('ID and access tokens live 15 to 60 minutes', () => {
    const props = client()[0]?.Properties as Record<string, unknown> & {
      TokenValidityUnits: Record<string, string>;
    };
    expect(props.TokenValidityUnits).toMatchObject({ IdToken: 'minutes', AccessToken: 'minutes' });
    for (const key of ['IdTokenValidity', 'AccessTokenValidity']) {
      expect(props[key]).toBeGreaterThanOrEqual(15);
      expect(props[key]).toBeLessThanOrEqual(60);
    }
  });

  test('users can read but never write their directorate; a changed email is used once verified', () => {
    const props = client()[0]?.Properties as { ReadAttributes: string[]; WriteAttributes: string[] };
    expect(props.ReadAttributes).toContain('custom:directorate');
    expect(props.WriteAttributes.length).toBeGreaterThan(0);
    expect(props.WriteAttributes).not.toContain('custom:directorate');
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    });
  });
});
