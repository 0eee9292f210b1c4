import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../lambdas/config/config';
import { buildOpenApiDocument } from '../lib/openapi';

/**
 * Writes the API's OpenAPI document (lib/openapi.ts, from the handlers' zod schemas) to
 * console/src/api/openapi.json; `npm run console:types` then turns it into console/src/api/schema.d.ts with
 * openapi-typescript. The console's client is typed from it, so a contract change breaks its build.
 */
const target = join(__dirname, '..', 'console', 'src', 'api', 'openapi.json');
writeFileSync(target, `${JSON.stringify(buildOpenApiDocument(loadConfig()), null, 2)}\n`);
process.stderr.write(`Wrote ${target}\n`);
