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
  410: 'Gone: the alert has ended (the message gives the police number)',
  413: 'Body too large',
  415: 'Content-Type must be application/json',
  422: 'Idempotency-Key already used with another body',
  429: 'Too many requests: try again later',
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
      description: `Police and public API (${config.country.countryName.en ?? config.country.countryCode}). Generated from the handlers' zod schemas.`,
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
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
    {
      description: ERROR_DESCRIPTIONS[status] ?? 'Error',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    },
  ];
  return {
    operationId: `${route.handler}${route.method === 'GET' ? 'Get' : 'Post'}${route.path.replace(/\W+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: contract.summary,
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
    ]),
  };
}
