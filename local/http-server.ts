import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { loadConfig } from '../lambdas/config/config';
import { buildOpenApiDocument } from '../lib/openapi';
import { buildProxyEvent, type IncomingRequest } from './api-gateway-event';
import { CONSOLE_DIST, consoleFile } from './console-files';
import type { IdTokenClaims, LocalIdentityProvider, LocalUser } from './identities';
import { lambdaContext } from './lambda-context';
import { errorName, type LocalLogger, silentLogger } from './log';
import type { NotificationOutbox, SmsOutbox } from './outbox';
import { PublicThrottle, type ThrottleSettings } from './public-throttle';
import { type HttpMethod, type RouteSpec, RouteTable } from './routes';

/**
 * API Gateway stand-in: a node:http server that turns each request into the REST API's Lambda proxy event,
 * runs the route's handler in-process and writes its result back, with API Gateway's own answers where
 * API Gateway answers without the handler (401 without a valid token, 404/405, 413, 504, 500).
 * It also serves the local-only endpoints: tokens, the SMS outbox, staff notifications, health.
 */

export type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface BoundRoute extends RouteSpec {
  /** True: the Cognito authorizer guards it; here, a token from POST /local/token. */
  auth: boolean;
  /** Lambda function name, for the context object and logs. */
  functionName: string;
  handler: ApiHandler;
}

export interface LocalHttpServerOptions {
  /** 0 picks a free port. */
  port: number;
  /**
   * The API routes with their handlers. The platform listens first (to learn its URL, which the handlers'
   * configuration needs) and binds the routes later with setRoutes(); until then every request gets 503.
   */
  routes?: readonly BoundRoute[];
  identity: Pick<LocalIdentityProvider, 'issue' | 'verify'> & { users?: readonly LocalUser[] };
  /** The built police console served at /console/; default console/dist. */
  consoleDir?: string;
  sms: Pick<SmsOutbox, 'messagesTo'>;
  notifications: Pick<NotificationOutbox, 'list'>;
  /** A reply from a phone, as SMS two-way messaging would deliver it (the inbound SMS handler). */
  inboundSms?: (from: string, body: string) => Promise<void>;
  /**
   * The daily retention purge, run now (POST /local/purge), optionally as of another instant (`{"at"}`),
   * so that a trainer or a test can see what it does after the retention period without waiting for it.
   */
  purge?: (at?: Date) => Promise<unknown>;
  /** Arms the tampering of an alert's approved content (local/tampering.ts), for trying the integrity check. */
  tamper?: (alertId: string, childName: string) => void;
  /**
   * Per-client throttling of the public (unauthenticated) API routes, like the stage throttling and the
   * WAF rate rule in AWS: 429 with Retry-After beyond it. Read from the configuration when not given.
   */
  publicThrottle?: ThrottleSettings;
  logger?: LocalLogger;
  /** The API functions' timeout (lib/constructs/amber-function.ts: 10 s), seen through the Lambda context. */
  functionTimeoutMs?: number;
  /** API Gateway gives up on an integration after 29 s and answers 504. */
  integrationTimeoutMs?: number;
}

export interface LocalHttpServer {
  url: string;
  port: number;
  setRoutes(routes: readonly BoundRoute[]): void;
  close(): Promise<void>;
}

export const MAX_REQUEST_BODY_BYTES = 64 * 1024;
/** Bodies beyond this are not even drained: the connection is cut. */
const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;

interface LocalResponse {
  statusCode: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Sent as is (a file of the console) instead of `body` as JSON. */
  raw?: Buffer;
}

type LocalEndpoint = (request: IncomingRequest, query: URLSearchParams) => Promise<LocalResponse>;

type AnyRoute = (BoundRoute & { kind: 'api' }) | (RouteSpec & { kind: 'local'; handle: LocalEndpoint });

class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startHttpServer(options: LocalHttpServerOptions): Promise<LocalHttpServer> {
  const logger = options.logger ?? silentLogger;
  let table: RouteTable<AnyRoute> | undefined;
  const setRoutes = (routes: readonly BoundRoute[]) => {
    table = new RouteTable<AnyRoute>([
      ...localEndpoints(options),
      ...routes.map((route) => ({ ...route, kind: 'api' as const })),
    ]);
  };
  if (options.routes) setRoutes(options.routes);
  const throttle = new PublicThrottle(options.publicThrottle ?? loadConfig().publicThrottle);
  const active = new Set<Promise<void>>();

  const server = createServer((req, res) => {
    const handling = handle(req, res).catch((error: unknown) => {
      logger.error('http.failed', { error: errorName(error) });
      if (!res.headersSent) send(res, 500, { message: 'Internal server error' });
      else res.destroy();
    });
    active.add(handling);
    void handling.finally(() => active.delete(handling));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const requestId = randomUUID();
    res.setHeader('x-amzn-RequestId', requestId);
    const method = req.method ?? 'GET';
    const [path = '/', query = ''] = (req.url ?? '/').split(/\?(.*)/s, 2);
    const done = (status: number, resource?: string) =>
      logger.debug('http.request', { method, resource, status, ms: Date.now() - started, requestId });
    if (!table) {
      send(res, 503, { message: 'The local platform is starting' }, { 'retry-after': '1' });
      return done(503);
    }
    const match = table.match(method, path);

    if (match.kind === 'notFound') {
      send(res, 404, { message: 'Not Found' });
      return done(404);
    }
    if (match.kind === 'methodNotAllowed') {
      send(res, 405, { message: 'Method Not Allowed' }, { allow: match.allowed.join(', ') });
      return done(405);
    }

    let body: string | null;
    try {
      body = await readBody(req);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      send(res, error.statusCode, { message: error.message }, { connection: 'close' });
      return done(error.statusCode, match.route.path);
    }
    const request: IncomingRequest = {
      method,
      path,
      query,
      rawHeaders: req.rawHeaders,
      body,
      sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      port: (req.socket.localPort as number | undefined) ?? 0,
    };
    const route = match.route;

    if (route.kind === 'api' && !route.auth) {
      const decision = throttle.take(request.sourceIp);
      if (!decision.allowed) {
        const retryAfter = String(decision.retryAfterSeconds);
        send(res, 429, { message: 'Too Many Requests' }, { 'retry-after': retryAfter });
        return done(429, route.path);
      }
    }

    if (route.kind === 'local') {
      const result = await route.handle(request, new URLSearchParams(query));
      if (result.raw) sendRaw(res, result.statusCode, result.raw, result.headers);
      else send(res, result.statusCode, result.body, result.headers);
      return done(result.statusCode, route.path);
    }

    let claims: IdTokenClaims | undefined;
    if (route.auth) {
      claims = await authorize(req.headers.authorization);
      if (!claims) {
        send(res, 401, { message: 'Unauthorized' });
        return done(401, route.path);
      }
    }
    const event = buildProxyEvent(request, {
      resource: route.path,
      pathParameters: match.pathParameters,
      requestId,
      ...(claims ? { claims } : {}),
    });
    const status = await invoke(route, event, requestId, res);
    return done(status, route.path);
  }

  async function authorize(header: string | undefined): Promise<IdTokenClaims | undefined> {
    // The Cognito authorizer takes the raw token; clients often send "Bearer <token>", so both work.
    const token = header?.replace(/^Bearer\s+/i, '').trim();
    if (!token) return undefined;
    try {
      return await options.identity.verify(token);
    } catch {
      return undefined;
    }
  }

  async function invoke(
    route: BoundRoute,
    event: APIGatewayProxyEvent,
    requestId: string,
    res: ServerResponse,
  ) {
    const context = lambdaContext(route.functionName, options.functionTimeoutMs ?? 10_000, randomUUID());
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), options.integrationTimeoutMs ?? 29_000);
    });
    let result: unknown;
    try {
      result = await Promise.race([route.handler(event, context), timeout]);
    } catch (error) {
      // In AWS the function's error never reaches the client; the log line carries no message or body.
      logger.error('http.handler.crashed', {
        function: route.functionName,
        requestId,
        error: errorName(error),
      });
      send(res, 500, { message: 'Internal server error' });
      return 500;
    } finally {
      clearTimeout(timer);
    }
    if (result === 'timeout') {
      logger.error('http.handler.timeout', { function: route.functionName, requestId });
      send(res, 504, { message: 'Endpoint request timed out' });
      return 504;
    }
    if (!isProxyResult(result)) {
      // API Gateway's answer to a malformed Lambda proxy response.
      logger.error('http.handler.malformedResponse', { function: route.functionName, requestId });
      send(res, 502, { message: 'Internal server error' });
      return 502;
    }
    writeProxyResult(res, result);
    return result.statusCode;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setRoutes,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Requests already being handled may finish (briefly); then every socket goes.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...active]),
        new Promise((resolve) => {
          timer = setTimeout(resolve, 2000);
        }),
      ]);
      clearTimeout(timer);
      server.closeAllConnections();
      await closed;
    },
  };
}

function localEndpoints(options: LocalHttpServerOptions): AnyRoute[] {
  const local = (method: HttpMethod, path: string, handle: LocalEndpoint): AnyRoute => ({
    kind: 'local',
    method,
    path,
    handle,
  });
  return [
    local('GET', '/health', async () => ({ statusCode: 200, body: { status: 'ok' } })),
    // Built from the handlers' schemas with the configuration the handlers read (the same environment).
    local('GET', '/openapi.json', async () => ({
      statusCode: 200,
      body: buildOpenApiDocument(loadConfig()),
    })),
    local('POST', '/local/token', async (request) => {
      const body = jsonFields(request.body);
      if (!body) return NOT_JSON;
      const { username } = body;
      if (typeof username !== 'string' || username === '') {
        return { statusCode: 400, body: { message: 'username is required' } };
      }
      try {
        return { statusCode: 200, body: { token: await options.identity.issue(username) } };
      } catch (error) {
        if (errorName(error) === 'UnknownUserError')
          return { statusCode: 404, body: { message: 'Unknown user' } };
        throw error;
      }
    }),
    // The sign-in page of the local console lists these; in AWS, Cognito's managed login signs people in.
    local('GET', '/local/users', async () => ({
      statusCode: 200,
      body: {
        items: (options.identity.users ?? []).map(({ username, groups, directorate }) => ({
          username,
          groups,
          directorate,
        })),
      },
    })),
    // `/console` and `/console/` are one resource to the route table: only the first is redirected.
    local('GET', '/console', async (request) =>
      request.path === '/console'
        ? { statusCode: 301, body: {}, headers: { location: '/console/' } }
        : consoleResponse(options, undefined),
    ),
    local('GET', '/console/{path+}', async (request) =>
      consoleResponse(options, request.path.slice('/console/'.length)),
    ),
    local('GET', '/local/sms', async (_request, query) => {
      const to = query.get('to');
      if (!to) return { statusCode: 400, body: { message: 'Query parameter to is required' } };
      return { statusCode: 200, body: { items: options.sms.messagesTo(to) } };
    }),
    local('POST', '/local/inbound-sms', async (request) => {
      const reply = jsonFields(request.body);
      if (!reply) return NOT_JSON;
      if (typeof reply.from !== 'string' || typeof reply.body !== 'string') {
        return { statusCode: 400, body: { message: 'from and body (strings) are required' } };
      }
      if (!options.inboundSms) return { statusCode: 503, body: { message: 'Not ready' } };
      await options.inboundSms(reply.from, reply.body);
      return { statusCode: 202, body: { status: 'RECEIVED' } };
    }),
    local('POST', '/local/tamper', async (request) => {
      const body = jsonFields(request.body);
      if (!body) return NOT_JSON;
      if (typeof body.alertId !== 'string' || typeof body.childName !== 'string') {
        return { statusCode: 400, body: { message: 'alertId and childName (strings) are required' } };
      }
      if (!options.tamper) return { statusCode: 503, body: { message: 'Not ready' } };
      options.tamper(body.alertId, body.childName);
      return { statusCode: 202, body: { status: 'ARMED' } };
    }),
    local('POST', '/local/purge', async (request) => {
      let at: Date | undefined;
      if (request.body) {
        const parsed = jsonFields(request.body);
        if (!parsed) return NOT_JSON;
        if (parsed.at !== undefined) {
          at = typeof parsed.at === 'string' ? new Date(parsed.at) : new Date(Number.NaN);
          if (Number.isNaN(at.getTime()))
            return {
              statusCode: 400,
              body: {
                message: 'at must be an ISO 8601 date-time',
                fields: { at: ['must be an ISO 8601 date-time'] },
              },
            };
        }
      }
      if (!options.purge) return { statusCode: 503, body: { message: 'Not ready' } };
      return { statusCode: 200, body: await options.purge(at) };
    }),
    local('GET', '/local/notifications', async (_request, query) => {
      const to = query.get('to');
      return { statusCode: 200, body: { items: options.notifications.list(to ? { to } : {}) } };
    }),
  ];
}

async function consoleResponse(options: LocalHttpServerOptions, path: string | undefined) {
  const file = await consoleFile(options.consoleDir ?? CONSOLE_DIST, path);
  return { statusCode: file.statusCode, body: null, headers: file.headers, raw: file.body };
}

const NOT_JSON: LocalResponse = { statusCode: 400, body: { message: 'Body is not valid JSON' } };

/**
 * The fields of a local endpoint's JSON body; undefined when it is not JSON. Any other JSON value (null, an
 * array, a number) has no fields, so the endpoint answers with the fields it misses.
 */
function jsonFields(body: string | null | undefined): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body ?? '');
  } catch {
    return undefined;
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The body as text; refuses more than 64 KiB (draining what was sent, so that the client reads the 413). */
function readBody(req: IncomingMessage): Promise<string | null> {
  const declared = Number(req.headers['content-length'] ?? '0');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declared > MAX_REQUEST_BODY_BYTES;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT_BYTES) {
        req.destroy();
        return;
      }
      if (size > MAX_REQUEST_BODY_BYTES) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) reject(new HttpError(413, 'Request body too large'));
      else resolve(size === 0 ? null : Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new HttpError(400, 'Request body incomplete'));
    });
  });
}

function isProxyResult(value: unknown): value is APIGatewayProxyResult {
  if (value === null || typeof value !== 'object') return false;
  const r = value as Partial<APIGatewayProxyResult>;
  return (
    Number.isInteger(r.statusCode) &&
    (r.statusCode as number) >= 100 &&
    (r.statusCode as number) <= 599 &&
    (r.body === undefined || r.body === null || typeof r.body === 'string')
  );
}

function writeProxyResult(res: ServerResponse, result: APIGatewayProxyResult): void {
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, String(value));
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) {
    res.setHeader(name, values.map(String));
  }
  // API Gateway's default for a proxy response without a content type.
  if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json');
  const body = result.body ?? '';
  const payload = result.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  res.statusCode = result.statusCode;
  res.setHeader('content-length', payload.length);
  res.end(payload);
}

function sendRaw(
  res: ServerResponse,
  statusCode: number,
  body: Buffer,
  headers: Record<string, string> = {},
) {
  res.statusCode = statusCode;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('content-length', body.length);
  res.end(body);
}

function send(
  res: ServerResponse,
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.statusCode = statusCode;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('content-type', 'application/json');
  res.setHeader('content-length', payload.length);
  res.end(payload);
}
