import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { API_ROUTES, type ApiRoute } from '../api-routes';
import type { StageConfig } from '../stages';

export interface ApiFirewallProps {
  stage: StageConfig;
  apiStage: Stage;
  /** @default API_ROUTES */
  routes?: readonly ApiRoute[];
}

/**
 * The path prefixes of the public routes as WAF sees them (`/{stage}/public`, `/{stage}/subscriptions`). The
 * home page `/` is matched exactly instead (publicExactPaths): `/{stage}/` as a prefix would match every route.
 */
export function publicPathPrefixes(stageName: string, routes: readonly ApiRoute[] = API_ROUTES): string[] {
  const first = routes
    .filter((r) => !r.auth)
    .map((r) => r.path.split('/')[1] ?? '')
    .filter((segment) => segment !== '');
  return [...new Set(first)].sort().map((segment) => `/${stageName}/${segment}`);
}

/** The public home page as WAF sees it, with and without its trailing slash. */
export function publicExactPaths(stageName: string, routes: readonly ApiRoute[] = API_ROUTES): string[] {
  return routes.some((r) => !r.auth && r.path === '/') ? [`/${stageName}`, `/${stageName}/`] : [];
}

const TOO_MANY = 'tooManyRequests';

/**
 * AWS WAF in front of the API stage: AWS's managed rules for common exploits and known bad inputs, and a
 * rate-based rule per client IP on the public routes, which answers a flood with 429 and a JSON body like
 * every other refusal of the API.
 */
export class ApiFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, { stage, apiStage, routes = API_ROUTES }: ApiFirewallProps) {
    super(scope, id);
    const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: false,
    });
    const matches = publicPathPrefixes(stage.name, routes).map(
      (prefix): CfnWebACL.StatementProperty => ({
        byteMatchStatement: {
          fieldToMatch: { uriPath: {} },
          positionalConstraint: 'STARTS_WITH',
          searchString: prefix,
          textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
        },
      }),
    );
    for (const path of publicExactPaths(stage.name, routes)) {
      matches.push({
        byteMatchStatement: {
          fieldToMatch: { uriPath: {} },
          positionalConstraint: 'EXACTLY',
          searchString: path,
          textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
        },
      });
    }
    const publicRoutes = matches.length === 1 ? matches[0] : { orStatement: { statements: matches } };
    const managed = (name: string, priority: number): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: visibility(name),
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `amber-${stage.name}-api`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`amber-${stage.name}-api`),
      customResponseBodies: {
        [TOO_MANY]: { contentType: 'APPLICATION_JSON', content: '{"message":"Too many requests"}' },
      },
      rules: [
        {
          name: 'PublicRoutesPerClientRate',
          priority: 0,
          action: { block: { customResponse: { responseCode: 429, customResponseBodyKey: TOO_MANY } } },
          statement: {
            rateBasedStatement: {
              limit: stage.publicRateLimitPerClient,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              ...(publicRoutes ? { scopeDownStatement: publicRoutes } : {}),
            },
          },
          visibilityConfig: visibility('PublicRoutesPerClientRate'),
        },
        managed('AWSManagedRulesCommonRuleSet', 1),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
      ],
    });
    new CfnWebACLAssociation(this, 'StageAssociation', {
      resourceArn: apiStage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
