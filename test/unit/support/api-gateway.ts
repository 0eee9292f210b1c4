import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { Principal } from '../../../lambdas/domain/identity';

export interface EventOptions {
  method?: string;
  path?: string;
  resource?: string;
  /** A string is sent as is; anything else is JSON-encoded. */
  body?: unknown;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  /** The Cognito authorizer's claims (strings); `principal` builds them from a Principal. */
  claims?: Record<string, string>;
  principal?: Principal;
  isBase64Encoded?: boolean;
}

/** The claims as API Gateway's Cognito authorizer hands them over: every value a string. */
export function claimsOf(p: Principal): Record<string, string> {
  return {
    sub: p.sub,
    'cognito:username': p.username,
    'custom:directorate': p.directorate,
    'cognito:groups': p.groups.join(','),
  };
}

/** A REST API (v1) Lambda proxy event. Without claims, the route is called anonymously. */
export function apiEvent(options: EventOptions = {}): APIGatewayProxyEvent {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const claims = options.claims ?? (options.principal ? claimsOf(options.principal) : undefined);
  const body =
    options.body === undefined || options.body === null
      ? null
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  const headers = { 'content-type': 'application/json', ...(options.headers ?? {}) };
  const path = options.path ?? '/';
  return {
    resource: options.resource ?? path,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: options.query ?? null,
    multiValueQueryStringParameters: null,
    pathParameters: options.pathParameters ?? null,
    stageVariables: null,
    body,
    isBase64Encoded: options.isBase64Encoded ?? false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'test-api',
      authorizer: claims ? { claims } : undefined,
      protocol: 'HTTP/1.1',
      httpMethod: method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '203.0.113.7',
        user: null,
        userAgent: 'jest',
        userArn: null,
      },
      path: `/test${path}`,
      stage: 'test',
      requestId: 'request-1',
      requestTimeEpoch: Date.parse('2024-05-01T10:00:00Z'),
      resourceId: 'resource',
      resourcePath: options.resource ?? path,
    },
  };
}

export function lambdaContext(functionName = 'amber-test'): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-central-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2024/05/01/[$LATEST]abc',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The JSON body of a response, parsed. */
export function bodyOf(response: APIGatewayProxyResult): Record<string, unknown> {
  return JSON.parse(response.body) as Record<string, unknown>;
}

/** The `fields` of a 400 answer. */
export function fieldsOf(response: APIGatewayProxyResult): Record<string, string[]> {
  return (bodyOf(response).fields ?? {}) as Record<string, string[]>;
}

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** Invokes an API handler as Lambda would: the event, and a context. */
export function invoke(handler: Handler, event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  return handler(event, lambdaContext());
}
