import { basename, resolve } from 'node:path';
import type { Dependencies } from '../lambdas/ports/dependencies';
import type { LocalLogger } from './log';

/**
 * Loads a Lambda handler module by its entry path (as lib/api-routes.ts and the CDK stack name it) and
 * builds its handler from the platform's dependencies with the module's `createHandler(deps)`: the same
 * code the Lambda runs, wired to the local stand-ins instead of the AWS adapters.
 */

export const REPOSITORY_ROOT = resolve(__dirname, '..');

// biome-ignore lint/suspicious/noExplicitAny: handlers differ in event and result types; callers narrow them.
export type AnyHandler = (event: any, context: any) => Promise<any>;

interface HandlerModule {
  createHandler?: (deps: Dependencies) => AnyHandler;
  handler?: AnyHandler;
}

/**
 * `require`, not `import()`: the module must share the module cache with the rest of the platform, so
 * that classes such as SmsSendError or the domain errors are the same objects on both sides of an
 * `instanceof` (an ESM import of the same file would be a second copy).
 */
export function loadHandler(entry: string, deps: Dependencies, logger: LocalLogger): AnyHandler {
  const path = resolve(REPOSITORY_ROOT, entry);
  const mod = require(path) as HandlerModule;
  if (typeof mod.createHandler === 'function') return mod.createHandler(deps);
  if (typeof mod.handler === 'function') {
    // Its AWS wiring would reach DynamoDB (through the local endpoint) but not SNS or Step Functions.
    logger.warn('platform.handler.withoutCreateHandler', { entry });
    return mod.handler;
  }
  throw new Error(`${entry} exports neither createHandler(deps) nor handler`);
}

/** `lambdas/handlers/api/get-alert.ts` → `amber-get-alert`. */
export function functionNameFor(entry: string): string {
  return `amber-${basename(entry).replace(/\.[cm]?[jt]s$/, '')}`;
}
