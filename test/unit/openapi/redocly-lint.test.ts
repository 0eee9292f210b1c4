import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../../lambdas/config/config';
import { API_CONTRACT, type RouteContract } from '../../../lib/api-contract';
import { API_ROUTES } from '../../../lib/api-routes';
import { buildOpenApiDocument, routeKey } from '../../../lib/openapi';

const ROOT = path.resolve(__dirname, '../../..');

interface Problem {
  rule: string;
  severity: string;
  message: string;
  at?: string;
}

/**
 * Redocly's linter is ES modules only; it runs in its own process, as `npm run lint:openapi` runs it
 * (scripts/lint-openapi.ts), on the document the platform serves.
 */
test('Redocly lint with the recommended rules finds no error and no warning in the generated document', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'scripts/lint-openapi.ts'), '--json'],
    { cwd: ROOT },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '[]' }));
  const problems = JSON.parse(stdout) as Problem[];
  expect(problems).toEqual([]);
}, 60_000);

interface Operation {
  tags?: string[];
  responses: Record<string, unknown>;
}
const doc = buildOpenApiDocument(loadConfig({})) as unknown as {
  info: { license?: { identifier?: string } };
  servers?: { url: string }[];
  tags?: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
};

test('every operation answers success with a 2XX, or a form post with 303 to the page that says it is done', () => {
  for (const route of API_ROUTES) {
    const statuses = Object.keys(doc.paths[route.path]?.[route.method.toLowerCase()]?.responses ?? {});
    const success = statuses.filter((s) => /^2\d\d$/.test(s) || s === '303');
    expect({ route: routeKey(route), success: success.length > 0 }).toEqual({
      route: routeKey(route),
      success: true,
    });
  }
});

test('the document names its servers, its license and the tag of every operation', () => {
  expect(doc.servers?.[0]?.url).toBe('https://amber.example.org');
  expect(doc.info.license?.identifier).toBe('Apache-2.0');
  const tags = new Set(doc.tags?.map((t) => t.name));
  for (const route of API_ROUTES) {
    const operation = doc.paths[route.path]?.[route.method.toLowerCase()];
    expect(operation?.tags?.every((t) => tags.has(t))).toBe(true);
    expect(operation?.tags).toHaveLength(1);
  }
});

test('every status the platform can give is documented: 429 everywhere, 413 and 415 where a body is read', () => {
  for (const route of API_ROUTES) {
    const statuses = Object.keys(doc.paths[route.path]?.[route.method.toLowerCase()]?.responses ?? {});
    const contract = API_CONTRACT[routeKey(route)] as RouteContract;
    const expected = ['429', ...(contract.body ? ['413', '415'] : [])];
    expect({ route: routeKey(route), missing: expected.filter((s) => !statuses.includes(s)) }).toEqual({
      route: routeKey(route),
      missing: [],
    });
  }
});
