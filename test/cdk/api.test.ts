import Ajv from 'ajv';
import { Match } from 'aws-cdk-lib/assertions';
import { loadConfig } from '../../lambdas/config/config';
import { API_CONTRACT, type RouteContract } from '../../lib/api-contract';
import { apiGatewayBodyModels } from '../../lib/api-gateway-models';
import { API_HANDLERS, API_ROUTES, type ApiHandlerName } from '../../lib/api-routes';
import { routeKey } from '../../lib/openapi';
import { STAGES } from '../../lib/stages';
import { getAttArn, resourcesOfType, type Synthesized, synthAmber } from './synth';

let synth: Synthesized;
beforeAll(() => {
  synth = synthAmber();
});

interface DeployedMethod {
  path: string;
  method: string;
  authorizationType: string;
  authorizerId: unknown;
  integrationUri: string;
  requestModels: unknown;
  requestValidatorId: unknown;
}

/** The API's methods as `METHOD /path`, with the path rebuilt from the Resource parent chain. */
function deployedMethods(): Map<string, DeployedMethod> {
  const resources = resourcesOfType(synth.template, 'AWS::ApiGateway::Resource');
  const pathOf = (ref: unknown): string => {
    const id = (ref as { Ref?: string }).Ref;
    if (!id) return ''; // Fn::GetAtt RootResourceId
    const props = resources[id]?.Properties as { ParentId: unknown; PathPart: string };
    return `${pathOf(props.ParentId)}/${props.PathPart}`;
  };
  const methods = new Map<string, DeployedMethod>();
  for (const { Properties: p } of Object.values(resourcesOfType(synth.template, 'AWS::ApiGateway::Method'))) {
    const props = p as Record<string, unknown> & { Integration: { Uri: unknown } };
    const path = pathOf(props.ResourceId) || '/';
    const method = props.HttpMethod as string;
    methods.set(`${method} ${path}`, {
      path,
      method,
      authorizationType: props.AuthorizationType as string,
      authorizerId: props.AuthorizerId,
      integrationUri: JSON.stringify(props.Integration.Uri),
      requestModels: props.RequestModels,
      requestValidatorId: props.RequestValidatorId,
    });
  }
  return methods;
}

describe('REST API', () => {
  test('has exactly the methods of the route table', () => {
    const deployed = [...deployedMethods().keys()].sort();
    expect(deployed).toEqual(API_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  test('has one Cognito user pools authorizer, on the police user pool', () => {
    const authorizers = resourcesOfType(synth.template, 'AWS::ApiGateway::Authorizer');
    expect(Object.keys(authorizers)).toHaveLength(1);
    const userPoolId = synth.stack.getLogicalId(synth.stack.auth.userPool.node.defaultChild as never);
    expect(Object.values(authorizers)[0]?.Properties).toMatchObject({
      Type: 'COGNITO_USER_POOLS',
      IdentitySource: 'method.request.header.Authorization',
      ProviderARNs: [getAttArn(userPoolId)],
    });
  });

  const methods = () => deployedMethods();
  const authorizerRef = () => ({
    Ref: Object.keys(resourcesOfType(synth.template, 'AWS::ApiGateway::Authorizer'))[0],
  });

  describe.each(API_ROUTES.filter((r) => r.auth).map((r) => [`${r.method} ${r.path}`, r] as const))(
    'police route %s',
    (key, route) => {
      test('requires the Cognito authorizer', () => {
        const m = methods().get(key);
        expect(m?.authorizationType).toBe('COGNITO_USER_POOLS');
        expect(m?.authorizerId).toEqual(authorizerRef());
      });
      test(`invokes the ${route.handler} function`, () => {
        const fn = synth.stack.api.functions[route.handler];
        expect(methods().get(key)?.integrationUri).toContain(JSON.stringify(getAttArn(synth.logicalId(fn))));
      });
    },
  );

  describe.each(API_ROUTES.filter((r) => !r.auth).map((r) => [`${r.method} ${r.path}`, r] as const))(
    'public route %s',
    (key, route) => {
      test('has no authorization', () => {
        const m = methods().get(key);
        expect(m?.authorizationType).toBe('NONE');
        expect(m?.authorizerId).toBeUndefined();
      });
      test(`invokes the ${route.handler} function`, () => {
        const fn = synth.stack.api.functions[route.handler];
        expect(methods().get(key)?.integrationUri).toContain(JSON.stringify(getAttArn(synth.logicalId(fn))));
      });
    },
  );

  test('has one function per handler entry, named in the route table', () => {
    const handlers = new Set(API_ROUTES.map((r) => r.handler));
    expect([...handlers].sort()).toEqual(Object.keys(API_HANDLERS).sort());
    for (const route of API_ROUTES) expect(route.entry).toBe(API_HANDLERS[route.handler]);
    const ids = (Object.keys(API_HANDLERS) as ApiHandlerName[]).map((h) =>
      synth.logicalId(synth.stack.api.functions[h]),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('lets API Gateway invoke only the deployed stage, never test invocations', () => {
    const permissions = Object.values(resourcesOfType(synth.template, 'AWS::Lambda::Permission'))
      .map((r) => r.Properties as { Principal: string; SourceArn: unknown })
      .filter((p) => p.Principal === 'apigateway.amazonaws.com');
    expect(permissions).toHaveLength(API_ROUTES.length);
    const stage = {
      Ref: synth.stack.getLogicalId(synth.stack.api.api.deploymentStage.node.defaultChild as never),
    };
    for (const p of permissions) {
      expect(JSON.stringify(p.SourceArn)).toContain(JSON.stringify(stage));
      expect(JSON.stringify(p.SourceArn)).not.toContain('test-invoke-stage');
    }
  });

  test('stage: named after the stage, X-Ray, JSON access logs, throttled', () => {
    const accessLogs = synth.stack.getLogicalId(synth.stack.api.accessLogs.node.defaultChild as never);
    const dev = STAGES.dev;
    synth.template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'dev',
      TracingEnabled: true,
      AccessLogSetting: {
        // The log group's ARN without the `:*` suffix (feature flag logGroupDestinationArnWithoutWildcard).
        DestinationArn: {
          'Fn::Join': ['', Match.arrayWith([':log-group:', { Ref: accessLogs }])],
        },
        Format: Match.anyValue(),
      },
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingRateLimit: dev.apiThrottle.rateLimit,
          ThrottlingBurstLimit: dev.apiThrottle.burstLimit,
          MetricsEnabled: true,
        }),
        Match.objectLike({
          HttpMethod: 'POST',
          ResourcePath: '/~1subscriptions',
          ThrottlingRateLimit: dev.subscribeThrottle.rateLimit,
          ThrottlingBurstLimit: dev.subscribeThrottle.burstLimit,
        }),
        Match.objectLike({
          HttpMethod: 'POST',
          ResourcePath: '/~1subscriptions~1confirm',
          ThrottlingRateLimit: dev.subscribeThrottle.rateLimit,
        }),
      ]),
    });
    const [stage] = Object.values(resourcesOfType(synth.template, 'AWS::ApiGateway::Stage'));
    const { AccessLogSetting } = (stage?.Properties ?? {}) as {
      AccessLogSetting?: { Format: string; DestinationArn: unknown };
    };
    expect(JSON.stringify(AccessLogSetting?.DestinationArn)).not.toContain(':*');
    const format = JSON.parse(AccessLogSetting?.Format ?? '{}');
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      status: '$context.status',
      sub: '$context.authorizer.claims.sub',
    });
    synth.template.hasResourceProperties('AWS::Logs::LogGroup', Match.objectLike({ RetentionInDays: 30 }));
  });

  test('keeps the account-wide API Gateway CloudWatch role when the stack goes', () => {
    synth.template.hasResource('AWS::ApiGateway::Account', { DeletionPolicy: 'Retain' });
    synth.template.hasResource('AWS::IAM::Role', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        AssumeRolePolicyDocument: Match.objectLike({
          Statement: [Match.objectLike({ Principal: { Service: 'apigateway.amazonaws.com' } })],
        }),
      }),
    });
  });
});

/** JSON Schema draft 4 keywords that mean the same in draft 7, where ajv checks them. */
const DRAFT4_KEYWORDS = new Set([
  '$schema',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'default',
  'description',
]);

/** Every schema object in a schema, itself first (the values of `properties` are schemas, not keywords). */
function subSchemas(schema: Record<string, unknown>): Record<string, unknown>[] {
  const children = Object.entries(schema).flatMap(([key, value]) => {
    if (key === 'properties') return Object.values(value as Record<string, Record<string, unknown>>);
    if (Array.isArray(value)) return value.filter((v) => typeof v === 'object' && v !== null);
    return typeof value === 'object' && value !== null ? [value as Record<string, unknown>] : [];
  });
  return [schema, ...children.flatMap(subSchemas)];
}

describe('request body models', () => {
  const dev = STAGES.dev;
  // The configuration the dev functions run with (amber-function.ts sets these; the rest are defaults).
  const config = loadConfig({
    AMBER_STAGE: dev.name,
    AMBER_SMS_MAX_PRICE_USD: dev.smsMaxPriceUsd,
  });
  const expected = apiGatewayBodyModels(config);
  const contractOf = (key: string) => API_CONTRACT[key as keyof typeof API_CONTRACT] as RouteContract;
  const bodyRoutes = API_ROUTES.map(routeKey).filter((key) => contractOf(key).body);
  const models = () => resourcesOfType(synth.template, 'AWS::ApiGateway::Model');

  test('every route that reads a body has a model, and no other route has one', () => {
    expect(bodyRoutes.length).toBeGreaterThanOrEqual(11);
    expect(expected.map((m) => routeKey(m.route)).sort()).toEqual([...bodyRoutes].sort());
    expect(Object.keys(models())).toHaveLength(bodyRoutes.length);
    for (const [key, method] of deployedMethods()) {
      if (!bodyRoutes.includes(key as never)) expect(method.requestModels).toBeUndefined();
    }
  });

  test.each(expected.map((m) => [routeKey(m.route), m] as const))(
    '%s: its body is validated against the model generated from its zod schema',
    (key, model) => {
      const method = deployedMethods().get(key);
      const ref = (method?.requestModels as Record<string, { Ref: string }> | undefined)?.[
        'application/json'
      ];
      const resource = models()[ref?.Ref ?? ''];
      expect(resource?.Properties).toEqual({
        RestApiId: { Ref: synth.stack.getLogicalId(synth.stack.api.api.node.defaultChild as never) },
        Name: model.name,
        ContentType: 'application/json',
        Description: expect.stringContaining(key),
        Schema: model.schema,
      });
      const validators = resourcesOfType(synth.template, 'AWS::ApiGateway::RequestValidator');
      const validator = validators[(method?.requestValidatorId as { Ref?: string } | undefined)?.Ref ?? ''];
      expect(validator?.Properties).toMatchObject({
        ValidateRequestBody: false,
        ValidateRequestParameters: true,
      });
    },
  );

  test('models are JSON Schema draft 4, self-contained, small, and refuse unknown fields at every level', () => {
    for (const { name, schema } of expected) {
      expect([name, schema.$schema]).toEqual([name, 'http://json-schema.org/draft-04/schema#']);
      // API Gateway's limit for a model is far larger; a growing schema should still be noticed.
      expect(JSON.stringify(schema).length).toBeLessThan(16_000);
      for (const sub of subSchemas(schema)) {
        expect(Object.keys(sub).filter((keyword) => !DRAFT4_KEYWORDS.has(keyword))).toEqual([]);
        if (sub.type === 'object') expect([name, sub.additionalProperties]).toEqual([name, false]);
      }
    }
  });

  test('each example of the contract passes its model; an unknown field, a missing field or a wrong type fails', () => {
    const ajv = new Ajv({ strict: false });
    for (const { route, schema } of expected) {
      const { $schema: _draft4, ...rest } = schema;
      const validate = ajv.compile(rest);
      const example = contractOf(routeKey(route)).example ?? {};
      expect([routeKey(route), validate(example)]).toEqual([routeKey(route), true]);
      expect(validate({ ...example, unknownField: 1 })).toBe(false);
      const [first, ...others] = Object.keys(example);
      if (first && (schema.required as string[] | undefined)?.includes(first)) {
        expect(validate(Object.fromEntries(others.map((k) => [k, example[k]])))).toBe(false);
        expect(validate({ ...example, [first]: [] })).toBe(false);
      }
    }
  });

  test('a body API Gateway refuses is answered 400 with the JSON error shape', () => {
    synth.template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'BAD_REQUEST_BODY',
      StatusCode: '400',
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"message"') },
    });
    const response = Object.values(resourcesOfType(synth.template, 'AWS::ApiGateway::GatewayResponse')).find(
      (r) => r.Properties?.ResponseType === 'BAD_REQUEST_BODY',
    );
    const { ResponseTemplates: templates } = (response?.Properties ?? {}) as {
      ResponseTemplates?: Record<string, string>;
    };
    expect(Object.keys(JSON.parse(templates?.['application/json'] ?? '{}'))).toEqual(['message']);
  });
});
