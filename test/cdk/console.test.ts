import { Match } from 'aws-cdk-lib/assertions';
import { CONSOLE_PATH, consoleContentSecurityPolicy } from '../../lib/constructs/police-console';
import { type Synthesized, synthAmber } from './synth';

/** The police console: a private bucket behind CloudFront with origin access control, on the API's origin. */
let synth: Synthesized;
beforeAll(() => {
  synth = synthAmber({ stage: 'prod' });
});

test('the bucket is private, encrypted, TLS-only and readable only by the distribution (OAC)', () => {
  const { template } = synth;
  template.hasResourceProperties('AWS::S3::Bucket', {
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    },
    BucketEncryption: Match.objectLike({}),
  });
  template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
  template.hasResourceProperties('AWS::S3::BucketPolicy', {
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        Match.objectLike({
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
        }),
      ]),
    },
  });
});

test('one distribution: the API by default, the console under /console/ with its CSP, HTTPS only', () => {
  const { template } = synth;
  template.resourceCountIs('AWS::CloudFront::Distribution', 1);
  const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0] as {
    Properties: { DistributionConfig: Record<string, unknown> };
  };
  const config = distribution.Properties.DistributionConfig as {
    Origins: { CustomOriginConfig?: { OriginProtocolPolicy: string }; S3OriginConfig?: unknown }[];
    DefaultCacheBehavior: { ViewerProtocolPolicy: string; AllowedMethods: string[] };
    CacheBehaviors: { PathPattern: string; ViewerProtocolPolicy: string; AllowedMethods: string[] }[];
  };
  expect(config.Origins).toHaveLength(2);
  expect(config.Origins.find((o) => o.CustomOriginConfig)?.CustomOriginConfig?.OriginProtocolPolicy).toBe(
    'https-only',
  );
  expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
  expect(config.DefaultCacheBehavior.AllowedMethods).toContain('POST');
  expect(config.CacheBehaviors.map((b) => [b.PathPattern, b.ViewerProtocolPolicy, b.AllowedMethods])).toEqual(
    [[CONSOLE_PATH, 'redirect-to-https', ['GET', 'HEAD']]],
  );
  template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
    ResponseHeadersPolicyConfig: Match.objectLike({
      SecurityHeadersConfig: Match.objectLike({
        ContentSecurityPolicy: { ContentSecurityPolicy: Match.anyValue(), Override: true },
      }),
    }),
  });
  const csp = consoleContentSecurityPolicy('eu-central-1');
  expect(csp).toMatch(/script-src 'self';/);
  expect(csp).toContain('https://cognito-idp.eu-central-1.amazonaws.com');
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
});

test('no CORS anywhere: the console and the API share one origin', () => {
  const { template } = synth;
  const methods = template.findResources('AWS::ApiGateway::Method', {
    Properties: { HttpMethod: 'OPTIONS' },
  });
  expect(Object.keys(methods)).toEqual([]);
  expect(JSON.stringify(template.toJSON())).not.toContain('Access-Control-Allow-Origin');
});

test('sign-in: a public client with the authorization code grant only, back to the console', () => {
  const { template } = synth;
  template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
    ClientName: 'amber-prod-police-console',
    GenerateSecret: false,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthScopes: Match.arrayWith(['openid']),
    CallbackURLs: [Match.objectLike({ 'Fn::Join': Match.anyValue() })],
  });
  template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
  template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
});
