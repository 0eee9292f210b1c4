import * as z from 'zod';
import type { AmberConfig } from '../lambdas/config/config';
import { buildPhoneSchemas } from '../lambdas/domain/phone-schemas';
import { buildSchemas } from '../lambdas/domain/schemas';
import { buildTipSchemas } from '../lambdas/domain/tips/tip-contract-schemas';
import { API_CONTRACT, type ContractSchemas, type RouteContract } from './api-contract';
import { API_ROUTES, type ApiRoute } from './api-routes';
import { type JsonSchema, routeKey } from './openapi';

/** A request body model for API Gateway: the route it validates, its model name, its JSON Schema. */
export interface BodyModel {
  route: ApiRoute;
  /** Alphanumeric, as API Gateway requires: `PostAlertsIdApproval`. */
  name: string;
  schema: JsonSchema;
}

/** `format` is an annotation here: the pattern next to it (or the handler) checks the value. */
function withoutFormats(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutFormats);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key, value]) => !(key === 'format' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutFormats(value)]),
  );
}

/**
 * The API Gateway model of a request body: the same zod schema as the handler's, as JSON Schema draft 4 (the
 * only dialect API Gateway models take), inlined (a model may not `$ref` outside itself). Formats are left
 * out: API Gateway's validator checks `date-time` and `uri` by its own rules, which are not zod's, and zod
 * already emits the exact pattern for every date-time; the handler checks the rest and names the field.
 */
export function apiGatewayModelSchema(schema: z.core.$ZodType): JsonSchema {
  const draft4 = z.toJSONSchema(schema, { target: 'draft-04', io: 'input', unrepresentable: 'any' });
  return withoutFormats(draft4) as JsonSchema;
}

const modelName = (route: ApiRoute) =>
  `${route.method.charAt(0)}${route.method.slice(1).toLowerCase()}${route.path.replace(/\W+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`;

/** One model per route that reads a JSON body, from the handlers' schemas for this configuration. */
export function apiGatewayBodyModels(
  config: AmberConfig,
  routes: readonly ApiRoute[] = API_ROUTES,
): BodyModel[] {
  const schemas: ContractSchemas = {
    ...buildSchemas(config),
    ...buildPhoneSchemas(config),
    ...buildTipSchemas(config),
  };
  const models = routes.flatMap((route) => {
    const contract = API_CONTRACT[routeKey(route)] as RouteContract | undefined;
    if (!contract?.body) return [];
    return [{ route, name: modelName(route), schema: apiGatewayModelSchema(contract.body(schemas)) }];
  });
  const names = models.map((m) => m.name);
  const clash = names.find((name, i) => names.indexOf(name) !== i);
  if (clash) throw new Error(`Two body routes would share the API Gateway model name ${clash}`);
  return models;
}
