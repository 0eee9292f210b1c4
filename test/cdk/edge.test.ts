import { Match } from 'aws-cdk-lib/assertions';
import { createAmberApp } from '../../lib/amber-app';
import { API_ROUTES, type ApiRoute } from '../../lib/api-routes';
import { STAGES } from '../../lib/stages';
import { OFFLINE_DEPLOY_INPUTS, resourcesOfType, type Synthesized, synthAmber } from './synth';

/**
 * What reaches the API from outside: the firewall's rules by route, the methods' throttles, the public
 * custom domain. Paths are tried both ways WAF sees them: `/{stage}/…` through the execute-api URL, `/…`
 * through the custom domain (or a CDN), whose base path mapping leaves the stage out.
 */

type Statement = Record<string, unknown>;
interface Rule {
  Name: string;
  Priority: number;
  Action?: unknown;
  OverrideAction?: unknown;
  Statement: Statement;
}

let dev: Synthesized;
let prod: Synthesized;
beforeAll(() => {
  dev = synthAmber();
  prod = synthAmber({ stage: 'prod' });
});

const rulesOf = (synth: Synthesized): Rule[] => {
  const [acl] = Object.values(resourcesOfType(synth.template, 'AWS::WAFv2::WebACL'));
  return (acl?.Properties as { Rules: Rule[] } | undefined)?.Rules ?? [];
};
const rule = (synth: Synthesized, name: string): Rule => {
  const found = rulesOf(synth).find((r) => r.Name === name);
  if (!found) throw new Error(`No WAF rule ${name}`);
  return found;
};

interface RegexMatch {
  RegexString: string;
  FieldToMatch: unknown;
  TextTransformations: { Priority: number; Type: string }[];
}

/** Applies a WAF regex match as WAF does: URL-decoded, lowercased URI path. */
const matches = (statement: RegexMatch, path: string) => {
  expect(statement.FieldToMatch).toEqual({ UriPath: {} });
  expect(statement.TextTransformations.map((t) => t.Type)).toEqual(['URL_DECODE', 'LOWERCASE']);
  return new RegExp(statement.RegexString).test(decodeURIComponent(path).toLowerCase());
};

/** A concrete request path of a route: `{id}` and other parameters filled in. */
const concrete = (route: ApiRoute) => route.path.replace(/\{[^}]+\}/g, 'abc123');
/** The two forms of a path WAF sees, for a stage. */
const seenAs = (stage: string, route: ApiRoute) => [`/${stage}${concrete(route)}`, concrete(route)];

const police = API_ROUTES.filter((r) => r.auth);
const publicRoutes = API_ROUTES.filter((r) => !r.auth);

describe.each(['dev', 'prod'] as const)('WAF of the %s stage', (stageName) => {
  const synth = () => (stageName === 'dev' ? dev : prod);

  test('the per-IP rate rule counts every public route and no police route, with or without the stage prefix', () => {
    const rate = rule(synth(), 'PublicRoutesPerClientRate');
    const based = rate.Statement.RateBasedStatement as {
      Limit: number;
      AggregateKeyType: string;
      ScopeDownStatement: { RegexMatchStatement: RegexMatch };
    };
    expect(based.Limit).toBe(STAGES[stageName].publicRateLimitPerClient);
    expect(based.AggregateKeyType).toBe('IP');
    const scope = based.ScopeDownStatement.RegexMatchStatement;
    for (const route of publicRoutes) {
      for (const path of seenAs(stageName, route)) expect([path, matches(scope, path)]).toEqual([path, true]);
    }
    for (const route of police) {
      for (const path of seenAs(stageName, route))
        expect([path, matches(scope, path)]).toEqual([path, false]);
    }
    // Whole segments: `/a/` never reaches `/alerts`, however it is written.
    for (const path of [
      `/${stageName}/alerts`,
      '/alerts/x',
      '/Alerts',
      '/%61lerts',
      '/ab/x',
      '/publication',
    ]) {
      expect([path, matches(scope, path)]).toEqual([path, false]);
    }
    expect(rate.Action).toEqual({
      Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'tooManyRequests' } },
    });
  });

  test('the Core rule set counts (not blocks) the body size and missing User-Agent rules; later rules decide by route', () => {
    const crs = rule(synth(), 'AWSManagedRulesCommonRuleSet');
    const group = crs.Statement.ManagedRuleGroupStatement as { RuleActionOverrides: unknown[] };
    expect(group.RuleActionOverrides).toEqual([
      { Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } },
      { Name: 'NoUserAgent_HEADER', ActionToUse: { Count: {} } },
    ]);
    // Labels are visible only to rules evaluated after the group that adds them.
    const body = rule(synth(), 'BodyOver8KbOutsidePoliceRoutes');
    const agent = rule(synth(), 'NoUserAgentOutsideFeeds');
    expect(body.Priority).toBeGreaterThan(crs.Priority);
    expect(agent.Priority).toBeGreaterThan(crs.Priority);
    expect(new Set(rulesOf(synth()).map((r) => r.Priority)).size).toBe(rulesOf(synth()).length);
  });

  /** Whether a label rule blocks a request with its label on this path. */
  const blocks = (r: Rule, label: string, path: string) => {
    expect(r.Action).toEqual({ Block: {} });
    const [labelMatch, not] = (r.Statement.AndStatement as { Statements: Statement[] }).Statements as [
      { LabelMatchStatement: { Scope: string; Key: string } },
      { NotStatement: { Statement: { RegexMatchStatement: RegexMatch } } },
    ];
    expect(labelMatch.LabelMatchStatement).toEqual({ Scope: 'LABEL', Key: label });
    return !matches(not.NotStatement.Statement.RegexMatchStatement, path);
  };

  test('a body over 8 KB is refused on public routes but reaches the police routes (a full alert in Albanian)', () => {
    const r = rule(synth(), 'BodyOver8KbOutsidePoliceRoutes');
    const label = 'awswaf:managed:aws:core-rule-set:SizeRestrictions_Body';
    for (const route of police) {
      for (const path of seenAs(stageName, route))
        expect([path, blocks(r, label, path)]).toEqual([path, false]);
    }
    for (const route of publicRoutes) {
      for (const path of seenAs(stageName, route))
        expect([path, blocks(r, label, path)]).toEqual([path, true]);
    }
  });

  test('no User-Agent: allowed on the CAP, feed and public JSON routes, refused elsewhere', () => {
    const r = rule(synth(), 'NoUserAgentOutsideFeeds');
    const label = 'awswaf:managed:aws:core-rule-set:NoUserAgent_Header';
    const feeds = publicRoutes.filter((route) => route.path.startsWith('/public/'));
    expect(feeds.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        '/public/feed.atom',
        '/public/alerts/{id}/cap',
        '/public/alerts/{id}/cap/{version}',
      ]),
    );
    for (const route of feeds) {
      for (const path of seenAs(stageName, route))
        expect([path, blocks(r, label, path)]).toEqual([path, false]);
    }
    for (const route of API_ROUTES.filter((x) => !feeds.includes(x))) {
      for (const path of seenAs(stageName, route))
        expect([path, blocks(r, label, path)]).toEqual([path, true]);
    }
  });

  test('police methods have their own throttle; the public ones keep the stage default or the SMS limit', () => {
    const stage = STAGES[stageName];
    const [apiStage] = Object.values(resourcesOfType(synth().template, 'AWS::ApiGateway::Stage'));
    if (!apiStage) throw new Error('No API stage');
    const settings = (
      apiStage.Properties as {
        MethodSettings: {
          HttpMethod: string;
          ResourcePath: string;
          ThrottlingRateLimit?: number;
          ThrottlingBurstLimit?: number;
        }[];
      }
    ).MethodSettings;
    const of = (route: ApiRoute) =>
      settings.find(
        (s) => s.HttpMethod === route.method && s.ResourcePath === `/${route.path.replaceAll('/', '~1')}`,
      );
    for (const route of police) {
      expect([route.method, route.path, of(route)]).toEqual([
        route.method,
        route.path,
        expect.objectContaining({
          ThrottlingRateLimit: stage.policeThrottle.rateLimit,
          ThrottlingBurstLimit: stage.policeThrottle.burstLimit,
        }),
      ]);
    }
    // Distinct figures per stage, so that a public method given the police throttle would show.
    for (const route of publicRoutes)
      expect(of(route)?.ThrottlingRateLimit).not.toBe(stage.policeThrottle.rateLimit);
  });
});

describe('the public custom domain', () => {
  test('prod: a regional domain with its certificate, the stage mapped at the root; links name it', () => {
    prod.template.hasResourceProperties('AWS::ApiGateway::DomainName', {
      DomainName: 'amber.example.org',
      RegionalCertificateArn: OFFLINE_DEPLOY_INPUTS.publicCertificateArn,
      EndpointConfiguration: { Types: ['REGIONAL'] },
      SecurityPolicy: 'TLS_1_2',
    });
    const [mapping] = Object.values(resourcesOfType(prod.template, 'AWS::ApiGateway::BasePathMapping'));
    expect(mapping?.Properties?.BasePath).toBeUndefined();
    expect(mapping?.Properties?.Stage).toEqual({ Ref: expect.any(String) });
    const functions = Object.values(resourcesOfType(prod.template, 'AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThan(10);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Environment: { Variables: { AMBER_PUBLIC_BASE_URL: 'https://amber.example.org' } },
      });
    }
    prod.template.hasOutput('PublicDomainTarget', Match.anyValue());
  });

  test('prod without its certificate fails at synth, with what to pass', () => {
    expect(() => createAmberApp({ context: { stage: 'prod', 'aws:cdk:bundling-stacks': [] } })).toThrow(
      /Stage prod needs its public domain and certificate[\s\S]*-c publicCertificateArn=/,
    );
    expect(() =>
      createAmberApp({
        context: { stage: 'prod', publicCertificateArn: 'not-an-arn', 'aws:cdk:bundling-stacks': [] },
      }),
    ).toThrow(/Invalid certificate ARN/);
  });

  test('dev without a domain: no custom domain, links use the stage execute-api URL', () => {
    dev.template.resourceCountIs('AWS::ApiGateway::DomainName', 0);
    const apiId = dev.stack.getLogicalId(dev.stack.api.api.node.defaultChild as never);
    for (const fn of Object.values(resourcesOfType(dev.template, 'AWS::Lambda::Function'))) {
      const url = (fn.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment
        .Variables.AMBER_PUBLIC_BASE_URL;
      expect(url).toEqual({
        'Fn::Join': [
          '',
          [
            'https://',
            { Ref: apiId },
            '.execute-api.',
            { Ref: 'AWS::Region' },
            '.',
            { Ref: 'AWS::URLSuffix' },
            '/dev',
          ],
        ],
      });
    }
  });
});

describe('two-way SMS, an option of the country', () => {
  const inboundTopics = (synth: Synthesized) =>
    Object.values(resourcesOfType(synth.template, 'AWS::SNS::Topic')).filter(
      (t) => t.Properties?.DisplayName === 'AMBER inbound SMS',
    );
  const twoWayVariables = (synth: Synthesized) =>
    Object.values(resourcesOfType(synth.template, 'AWS::Lambda::Function')).map(
      (fn) =>
        (fn.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables
          .AMBER_TWO_WAY_SMS,
    );

  test('Albania (alphanumeric sender ID only): no inbound SMS topic or function; the texts give the web route', () => {
    const albania = synthAmber({ context: { twoWaySms: undefined } });
    expect(albania.stack.twoWaySms).toBe(false);
    expect(inboundTopics(albania)).toEqual([]);
    expect(() => albania.stack.inboundSms).toThrow(/no two-way SMS/);
    const handlers = Object.values(resourcesOfType(albania.template, 'AWS::Lambda::Function')).map(
      (fn) => fn.Properties?.Description,
    );
    expect(handlers.some((d) => String(d).startsWith('Inbound SMS'))).toBe(false);
    expect(new Set(twoWayVariables(albania))).toEqual(new Set(['false']));
  });

  test('with an operator short code (-c twoWaySms=true): the topic and its handler, and "reply STOP" texts', () => {
    expect(dev.stack.twoWaySms).toBe(true);
    expect(inboundTopics(dev)).toHaveLength(1);
    expect(new Set(twoWayVariables(dev))).toEqual(new Set(['true']));
    expect(() => createAmberApp({ context: { twoWaySms: 'maybe', 'aws:cdk:bundling-stacks': [] } })).toThrow(
      /twoWaySms must be true or false/,
    );
  });
});
