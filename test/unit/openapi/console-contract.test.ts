import '../support/env';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../../lambdas/config/config';
import { buildOpenApiDocument } from '../../../lib/openapi';

/**
 * The console's API client is typed from console/src/api/openapi.json (schema.d.ts is generated from it). A
 * contract change must reach the console: this fails until `npm run console:types` regenerates both, and
 * then the console's typecheck fails wherever it no longer fits the API.
 */
test('the console is typed from the current OpenAPI document (npm run console:types)', () => {
  const committed = JSON.parse(
    readFileSync(join(__dirname, '../../../console/src/api/openapi.json'), 'utf8'),
  ) as unknown;
  expect(committed).toEqual(buildOpenApiDocument(loadConfig()));
});
