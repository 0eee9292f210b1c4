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

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/**
 * A regex (the subset that AWS WAF's PCRE and JavaScript read alike) matching the paths of these first
 * segments, whole segments only (`/a/…` but never `/alerts`), as WAF sees them both ways the API is
 * reached: through its execute-api URL (`/{stage}/a/…`) and through the custom domain or a CDN, whose base
 * path mapping leaves the stage out (`/a/…`). Paths are lowercased before matching.
 */
export function pathPattern(stageName: string, segments: readonly string[]): string {
  const alternatives = [...new Set(segments)].sort().map(escapeRegex).join('|');
  return `^(/${escapeRegex(stageName)})?/(${alternatives})(/|$)`;
}

const firstSegment = (route: ApiRoute) => route.path.split('/')[1] ?? '';

/** The public routes' first segments (`a`, `public`, `subscriptions`): they share none with police routes. */
export function publicSegments(routes: readonly ApiRoute[] = API_ROUTES): string[] {
  const police = new Set(routes.filter((r) => r.auth).map(firstSegment));
  const segments = [...new Set(routes.filter((r) => !r.auth).map(firstSegment))].sort();
  const shared = segments.filter((s) => police.has(s));
  if (shared.length > 0) {
    throw new Error(
      `Public and police routes share a first path segment (${shared.join(', ')}): WAF cannot tell them apart`,
    );
  }
  return segments;
}

/** The police routes' first segments (`alerts`, `drill-recipients`). */
export const policeSegments = (routes: readonly ApiRoute[] = API_ROUTES): string[] =>
  [...new Set(routes.filter((r) => r.auth).map(firstSegment))].sort();

/** The routes machines read (CAP, the Atom feed, the JSON of active alerts): feed readers send no User-Agent. */
export const MACHINE_READABLE_SEGMENTS = ['public'] as const;

/** Labels the Core rule set adds; its own action for these rules is Count, and the rules below decide by route. */
export const CRS_LABELS = {
  bodyOver8Kb: 'awswaf:managed:aws:core-rule-set:SizeRestrictions_Body',
  noUserAgent: 'awswaf:managed:aws:core-rule-set:NoUserAgent_Header',
} as const;

const TOO_MANY = 'tooManyRequests';

/**
 * AWS WAF in front of the API stage (and so of the custom domain mapped to it): a rate-based rule per client
 * IP on the public routes, which answers a flood with 429 and a JSON body like every other refusal of the API;
 * AWS's managed rules for common exploits and known bad inputs. Two rules of the Core rule set are decided by
 * route, because they would refuse our own traffic:
 * - SizeRestrictions_BODY (over 8 KB): an officer's full alert in Albanian, with description and updates, can
 *   be larger. It blocks on every route but the police ones, whose bodies the handlers bound (413).
 * - NoUserAgent_HEADER: CAP and Atom clients often send none. It blocks everywhere but the machine-readable
 *   `/public/…` routes.
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
    const pathMatches = (segments: readonly string[]): CfnWebACL.StatementProperty => ({
      regexMatchStatement: {
        fieldToMatch: { uriPath: {} },
        regexString: pathPattern(stage.name, segments),
        textTransformations: [
          { priority: 0, type: 'URL_DECODE' },
          { priority: 1, type: 'LOWERCASE' },
        ],
      },
    });
    const labelled = (key: string): CfnWebACL.StatementProperty => ({
      labelMatchStatement: { scope: 'LABEL', key },
    });
    const blockUnless = (
      name: string,
      priority: number,
      label: string,
      exempt: readonly string[],
    ): CfnWebACL.RuleProperty => ({
      name,
      priority,
      action: { block: {} },
      statement: {
        andStatement: { statements: [labelled(label), { notStatement: { statement: pathMatches(exempt) } }] },
      },
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
              scopeDownStatement: pathMatches(publicSegments(routes)),
            },
          },
          visibilityConfig: visibility('PublicRoutesPerClientRate'),
        },
        {
          name: 'AWSManagedRulesCommonRuleSet',
          priority: 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              ruleActionOverrides: ['SizeRestrictions_BODY', 'NoUserAgent_HEADER'].map((name) => ({
                name,
                actionToUse: { count: {} },
              })),
            },
          },
          visibilityConfig: visibility('AWSManagedRulesCommonRuleSet'),
        },
        blockUnless('BodyOver8KbOutsidePoliceRoutes', 2, CRS_LABELS.bodyOver8Kb, policeSegments(routes)),
        blockUnless('NoUserAgentOutsideFeeds', 3, CRS_LABELS.noUserAgent, MACHINE_READABLE_SEGMENTS),
        {
          name: 'AWSManagedRulesKnownBadInputsRuleSet',
          priority: 4,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesKnownBadInputsRuleSet' },
          },
          visibilityConfig: visibility('AWSManagedRulesKnownBadInputsRuleSet'),
        },
      ],
    });
    new CfnWebACLAssociation(this, 'StageAssociation', {
      resourceArn: apiStage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
