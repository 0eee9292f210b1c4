import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { loadConfig } from '../../../lambdas/config/config';
import { buildPhoneSchemas } from '../../../lambdas/domain/phone-schemas';
import { buildSchemas } from '../../../lambdas/domain/schemas';
import { buildTipSchemas } from '../../../lambdas/domain/tips/tip-contract-schemas';
import { API_CONTRACT, type RouteContract } from '../../../lib/api-contract';
import { API_ROUTES } from '../../../lib/api-routes';
import { buildOpenApiDocument, routeKey, routesWithoutContract } from '../../../lib/openapi';

const config = loadConfig({});
const schemas = { ...buildSchemas(config), ...buildPhoneSchemas(config), ...buildTipSchemas(config) };

interface Operation {
  requestBody?: { content: { 'application/json': { schema: Record<string, unknown>; example?: unknown } } };
  parameters?: { name: string; in: string }[];
  responses: Record<string, unknown>;
}
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>> };

const doc = buildOpenApiDocument(config) as unknown as Doc;
const contractOf = (key: string) => API_CONTRACT[key as keyof typeof API_CONTRACT] as RouteContract;

test('every route of API_ROUTES has a contract entry (add one to lib/api-contract.ts)', () => {
  expect(routesWithoutContract()).toEqual([]);
});

test('no contract entry names a route that does not exist', () => {
  const routes = new Set(API_ROUTES.map(routeKey));
  expect(Object.keys(API_CONTRACT).filter((key) => !routes.has(key as never))).toEqual([]);
});

test('a route without a contract entry is named in the error', () => {
  const extra = { ...API_ROUTES[0], method: 'POST' as const, path: '/not-in-the-contract' };
  expect(routesWithoutContract([...API_ROUTES, extra as (typeof API_ROUTES)[number]])).toEqual([
    'POST /not-in-the-contract',
  ]);
});

test('the document is OpenAPI 3.1 with every route of the table as an operation', () => {
  expect(doc.openapi).toBe('3.1.0');
  for (const route of API_ROUTES) {
    const operation = doc.paths[route.path]?.[route.method.toLowerCase()];
    expect(operation).toBeDefined();
    expect(Object.keys(operation?.responses ?? {})).toContain(
      String(contractOf(routeKey(route)).success.status),
    );
  }
});

test('every POST route that reads a body documents it, with an example, as a strict object', () => {
  for (const route of API_ROUTES.filter((r) => contractOf(routeKey(r)).body)) {
    const content =
      doc.paths[route.path]?.[route.method.toLowerCase()]?.requestBody?.content['application/json'];
    expect(content?.schema.type).toBe('object');
    expect(content?.schema.additionalProperties).toBe(false);
    expect(content?.example).toBeDefined();
  }
});

test.each(Object.entries(API_CONTRACT).filter(([, c]) => c.example !== undefined))(
  'the example of %s is accepted by the handler schema',
  (_key, contract) => {
    const result = contract.body?.(schemas).safeParse(contract.example);
    expect(result?.error?.issues).toBeUndefined();
    expect(result?.success).toBe(true);
  },
);

test('the schemas follow the configuration: counties are the configured region codes', () => {
  const submission = doc.paths['/alerts']?.post?.requestBody?.content['application/json'].schema as {
    properties: { counties: { items: { enum: string[] } } };
  };
  expect(submission.properties.counties.items.enum).toEqual(config.regionCodes);
});

test('path and query parameters are declared', () => {
  expect(doc.paths['/alerts/{id}']?.get?.parameters).toEqual([
    expect.objectContaining({ name: 'id', in: 'path' }),
  ]);
  expect(doc.paths['/alerts']?.get?.parameters).toEqual([
    expect.objectContaining({ name: 'status', in: 'query' }),
  ]);
});

test('every example also validates against the JSON Schema in the document, and a wrong one does not', () => {
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  for (const route of API_ROUTES.filter((r) => contractOf(routeKey(r)).example)) {
    const content =
      doc.paths[route.path]?.[route.method.toLowerCase()]?.requestBody?.content['application/json'];
    const validate = ajv.compile(content?.schema ?? {});
    expect({ route: routeKey(route), valid: validate(content?.example), errors: validate.errors }).toEqual({
      route: routeKey(route),
      valid: true,
      errors: null,
    });
    expect(validate({ ...(content?.example as object), unknownField: 1 })).toBe(false);
  }
});
