import * as z from 'zod';
import type { AmberConfig } from '../lambdas/config/config';
import { buildPhoneSchemas } from '../lambdas/domain/phone-schemas';
import { buildSchemas } from '../lambdas/domain/schemas';
import { buildTipSchemas } from '../lambdas/domain/tips/tip-contract-schemas';
import {
  API_CONTRACT,
  type ContractSchemas,
  ErrorBodySchema,
  type RouteContract,
  type RouteKey,
} from './api-contract';
import { API_ROUTES, type ApiRoute } from './api-routes';

export type JsonSchema = Record<string, unknown>;

/** Routes of the table that have no contract entry: the document would silently leave them out. */
export function routesWithoutContract(routes: readonly ApiRoute[] = API_ROUTES): string[] {
  return routes.map(routeKey).filter((key) => !Object.hasOwn(API_CONTRACT, key));
}

export function routeKey(route: Pick<ApiRoute, 'method' | 'path'>): RouteKey {
  return `${route.method} ${route.path}`;
}

/** The JSON Schema (2020-12) of what a client sends: defaults make fields optional, transforms show their input. */
// core.$ZodType: the handlers' schemas are zod/mini (lambdas/domain/schemas.ts), the rest classic zod.
export function requestJsonSchema(schema: z.core.$ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest as JsonSchema;
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: the message and `fields` name each field and reason',
  401: 'No valid Cognito ID token',
  403: 'Not allowed for this user',
  404: 'Not found (also for an alert of another directorate)',
  409: 'Conflicts with the current state',
  410: 'The alert is over (expired) or its data was removed',
  413: 'The body is larger than 64 KiB',
  415: 'The body is not `application/json`',
  429: 'Too many requests: the stage throttling, the firewall rate rule on public routes, the per-phone and per-client limits of the routes that send a code SMS, or the platform-wide hourly budget of code SMS',
};

/** Statuses every route of a kind can give, besides those of its contract: they come from the platform. */
function platformErrors(contract: RouteContract): number[] {
  return [...(contract.body ? [413, 415] : []), 429];
}

const TAGS = [
  { name: 'alerts', description: 'Police: submit, approve, update, extend and resolve alerts' },
  { name: 'drill', description: 'Police: the drill group, the only audience of exercises' },
  { name: 'subscriptions', description: 'Public: subscribe and unsubscribe a phone, with SMS codes' },
  { name: 'public', description: 'Public: active alerts, the alert page, CAP messages and the Atom feed' },
] as const;

function tagOf(path: string): (typeof TAGS)[number]['name'] {
  if (path.startsWith('/alerts')) return 'alerts';
  if (path.startsWith('/drill-recipients')) return 'drill';
  if (path.startsWith('/subscriptions')) return 'subscriptions';
  return 'public';
}

const HTML_ERROR_DESCRIPTIONS: Record<number, string> = {
  404: 'An HTML page saying there is no active alert here, with the police number (unknown id, exercise, never issued)',
  410: 'The same HTML page, for an alert that expired or whose data was removed',
  422: 'Idempotency-Key already used with another body',
};

/**
 * The OpenAPI 3.1 document of the API, built from the route table and the handlers' zod schemas for one
 * configuration (country, regions, languages). Throws when a route has no contract entry.
 */
export function buildOpenApiDocument(config: AmberConfig, serverUrl?: string): JsonSchema {
  const missing = routesWithoutContract();
  if (missing.length > 0) throw new Error(`Routes without an entry in API_CONTRACT: ${missing.join(', ')}`);
  const schemas: ContractSchemas = {
    ...buildSchemas(config),
    ...buildPhoneSchemas(config),
    ...buildTipSchemas(config),
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of API_ROUTES) {
    const contract = API_CONTRACT[routeKey(route)] as RouteContract;
    paths[route.path] ??= {};
    const pathItem = paths[route.path] as Record<string, unknown>;
    pathItem[route.method.toLowerCase()] = operation(route, contract, schemas);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'AMBER Alert platform API',
      version: '1.0.0',
      description:
        `Police and public API (${config.country.countryName.en ?? config.country.countryCode}). Generated from the handlers' zod schemas. ` +
        'A path called with a method it does not list is refused before any handler runs (405 with an Allow header on the local platform).',
      license: { name: 'Apache 2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: serverUrl ?? config.publicBaseUrl, description: 'The API of this deployment' }],
    tags: TAGS,
    paths,
    components: {
      schemas: { Error: requestJsonSchema(ErrorBodySchema) },
      securitySchemes: {
        police: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: 'A Cognito ID token of a police user (officers, supervisors)',
        },
      },
    },
  };
}

function operation(
  route: ApiRoute,
  contract: RouteContract,
  schemas: ContractSchemas,
): Record<string, unknown> {
  const parameters: unknown[] = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (contract.query) {
    const query = requestJsonSchema(contract.query(schemas)) as {
      properties?: Record<string, unknown>;
      required?: string[];
    };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema });
    }
  }
  const errorResponse = (status: number) => [
    String(status),
    contract.htmlErrors
      ? {
          description: HTML_ERROR_DESCRIPTIONS[status] ?? 'Error page',
          content: { 'text/html': { schema: { type: 'string' } } },
        }
      : {
          description: ERROR_DESCRIPTIONS[status] ?? 'Error',
          ...(status === 429
            ? {
                headers: {
                  'Retry-After': {
                    description: 'Seconds until the request may be made again',
                    schema: { type: 'integer', minimum: 1 },
                  },
                },
              }
            : {}),
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
  ];
  return {
    operationId: `${route.handler}${route.method === 'GET' ? 'Get' : 'Post'}${route.path.replace(/\W+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: contract.summary,
    tags: [tagOf(route.path)],
    ...(route.auth ? { security: [{ police: [] }] } : { security: [] }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(contract.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: requestJsonSchema(contract.body(schemas)),
                ...(contract.example ? { example: contract.example } : {}),
              },
            },
          },
        }
      : {}),
    responses: Object.fromEntries([
      [String(contract.success.status), { description: contract.success.description }],
      ...contract.errors.map(errorResponse),
      ...platformErrors(contract)
        .filter((status) => !contract.errors.includes(status))
        .map((status) => [
          String(status),
          {
            description: ERROR_DESCRIPTIONS[status] ?? 'Error',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        ]),
    ]),
  };
}
