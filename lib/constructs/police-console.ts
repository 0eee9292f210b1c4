import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { RestApiOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { OAuthScope, type UserPool, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { StageConfig } from '../stages';

/**
 * The console's policy: its own scripts, styles and API only, no inline script, nothing third-party but the
 * sign-in: the user pool's managed login and its region's Cognito endpoint (token exchange).
 */
export function consoleContentSecurityPolicy(region: string): string {
  return (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https:; " +
    `connect-src 'self' https://*.amazoncognito.com https://cognito-idp.${region}.amazonaws.com; ` +
    "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self' https://*.amazoncognito.com; frame-ancestors 'none'"
  );
}

/** Paths the console's bucket serves; every other path goes to the API (its routes, the public site). */
export const CONSOLE_PATH = '/console/*';

export interface PoliceConsoleProps {
  stage: StageConfig;
  api: RestApi;
  userPool: UserPool;
}

/**
 * The police console on the API's own origin: one CloudFront distribution, the console's files from a
 * private bucket through origin access control under /console/, everything else from the REST API. The
 * browser talks to one origin, so the API needs no CORS at all. Sign-in is Cognito's managed login with the
 * authorization code and PKCE (a public client, no secret), MFA as the user pool requires.
 *
 * The files are uploaded after `npm run console:build` with `aws s3 sync console/dist s3://BUCKET/console/`,
 * plus console/config.json naming the user pool (docs/console.md).
 */
export class PoliceConsole extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly client: UserPoolClient;
  readonly url: string;

  constructor(scope: Construct, id: string, { stage, api, userPool }: PoliceConsoleProps) {
    super(scope, id);

    this.bucket = new Bucket(this, 'Files', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: stage.removalPolicy,
      autoDeleteObjects: false,
    });

    const headers = new ResponseHeadersPolicy(this, 'ConsoleHeaders', {
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: consoleContentSecurityPolicy(Stack.of(this).region),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
      },
    });

    // `/console/` and screens without a file name get index.html (the app routes with #/…).
    const index = new EdgeFunction(this, 'ConsoleIndex', {
      code: FunctionCode.fromInline(
        "function handler(event){var r=event.request;if(r.uri==='/console'||r.uri==='/console/'||!/\\.[a-z0-9]+$/i.test(r.uri)){r.uri='/console/index.html';}return r;}",
      ),
      comment: 'Police console: directory paths to index.html',
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `AMBER Alert ${stage.name}: police console, public site and API on one origin`,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: new RestApiOrigin(api),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        // The API decides what is cacheable (public pages say so); nothing is cached by default.
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      },
      additionalBehaviors: {
        [CONSOLE_PATH]: {
          origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: headers,
          functionAssociations: [{ function: index, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}/console/`;

    const domain = userPool.addDomain('ManagedLogin', {
      cognitoDomain: { domainPrefix: `amber-${stage.name}-police-${Stack.of(this).account}` },
    });
    this.client = userPool.addClient('ConsoleClient', {
      userPoolClientName: `amber-${stage.name}-police-console`,
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.minutes(30),
      accessTokenValidity: Duration.minutes(30),
      refreshTokenValidity: Duration.hours(12),
      oAuth: {
        // Authorization code only; oidc-client-ts adds PKCE. No implicit grant, no client secret.
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [this.url],
        logoutUrls: [this.url],
      },
    });

    new CfnOutput(this, 'ConsoleUrl', { value: this.url });
    new CfnOutput(this, 'ConsoleBucket', { value: this.bucket.bucketName });
    new CfnOutput(this, 'ConsoleSignInDomain', { value: domain.baseUrl() });
    new CfnOutput(this, 'ConsoleClientId', { value: this.client.userPoolClientId });
  }
}
