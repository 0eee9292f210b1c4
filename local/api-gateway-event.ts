import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { IdTokenClaims } from './identities';

/**
 * Builds the event API Gateway (REST API, Lambda proxy integration) hands a handler, from a plain HTTP
 * request. Handlers written against the real event therefore run unchanged: same field names, `null` where
 * API Gateway puts null, and Cognito claims flattened to strings as its Cognito authorizer delivers them.
 */

export const LOCAL_STAGE = 'local';

export interface IncomingRequest {
  method: string;
  /** Path only, as received (still percent-encoded). */
  path: string;
  /** The query string without `?`, or ''. */
  query: string;
  /** Node's `rawHeaders`: name, value, name, value… with the client's spelling of the names. */
  rawHeaders: readonly string[];
  body: string | null;
  sourceIp: string;
  /** Local port, for X-Forwarded-Port. */
  port?: number;
}

export interface EventTarget {
  /** The matched resource template, e.g. `/alerts/{id}`. */
  resource: string;
  pathParameters: Record<string, string>;
  /** Verified ID token claims: present only on authorized routes. */
  claims?: IdTokenClaims;
  requestId?: string;
  now?: Date;
}

export function buildProxyEvent(request: IncomingRequest, target: EventTarget): APIGatewayProxyEvent {
  const now = target.now ?? new Date();
  const requestId = target.requestId ?? randomUUID();
  const { headers, multiValueHeaders } = collectHeaders(request);
  const { single, multi } = collectQuery(request.query);
  const userAgent = headers['User-Agent'] ?? findHeader(headers, 'user-agent') ?? null;
  return {
    resource: target.resource,
    path: request.path,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: single,
    multiValueQueryStringParameters: multi,
    pathParameters: Object.keys(target.pathParameters).length > 0 ? { ...target.pathParameters } : null,
    stageVariables: null,
    body: request.body === null || request.body === '' ? null : request.body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: target.claims ? { claims: authorizerClaims(target.claims) } : undefined,
      protocol: 'HTTP/1.1',
      httpMethod: request.method,
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
        sourceIp: request.sourceIp,
        user: null,
        userAgent,
        userArn: null,
      },
      path: `/${LOCAL_STAGE}${request.path}`,
      stage: LOCAL_STAGE,
      requestId,
      requestTime: apiGatewayRequestTime(now),
      requestTimeEpoch: now.getTime(),
      resourceId: 'local',
      resourcePath: target.resource,
    },
  };
}

/**
 * The claims as the REST API's Cognito user pool authorizer passes them: every value a string, lists
 * joined with commas, and times in Java's Date.toString() form ("Tue Nov 28 12:00:00 UTC 2023").
 */
export function authorizerClaims(claims: IdTokenClaims): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(claims)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) out[key] = value.map(String).join(',');
    else if (key === 'exp' || key === 'iat' || key === 'auth_time') out[key] = javaDateString(Number(value));
    else out[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}

function collectHeaders(request: IncomingRequest) {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  const add = (name: string, value: string) => {
    headers[name] = value;
    const list = multiValueHeaders[name];
    if (list) list.push(value);
    else multiValueHeaders[name] = [value];
  };
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    add(request.rawHeaders[i] as string, request.rawHeaders[i + 1] as string);
  }
  // What API Gateway adds in front of every integration.
  add('X-Forwarded-For', request.sourceIp);
  add('X-Forwarded-Proto', 'http');
  if (request.port !== undefined) add('X-Forwarded-Port', String(request.port));
  return { headers, multiValueHeaders };
}

/** Repeated keys: the last value in `queryStringParameters`, all of them in the multi-value map. */
function collectQuery(query: string) {
  if (query === '') return { single: null, multi: null };
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [key, value] of new URLSearchParams(query)) {
    single[key] = value;
    const list = multi[key];
    if (list) list.push(value);
    else multi[key] = [value];
  }
  return Object.keys(single).length === 0 ? { single: null, multi: null } : { single, multi };
}

function findHeader(headers: Record<string, string>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

function javaDateString(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${time} UTC ${d.getUTCFullYear()}`;
}

/** API Gateway's `requestTime`: 28/Nov/2023:12:00:00 +0000. */
function apiGatewayRequestTime(d: Date): string {
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${time} +0000`;
}
