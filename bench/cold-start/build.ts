import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { createAmberApp } from '../../lib/amber-app';
import { AmberFunction, PROJECT_ROOT } from '../../lib/constructs/amber-function';
import { type StageName, stageConfig } from '../../lib/stages';

export const HELLO_WORLD = 'HelloWorld';
/** A bundle that only creates the DynamoDB client: the bare-SDK floor. */
export const BARE_SDK = 'BareSdk';

export interface BuiltBundle {
  /** The function's construct path below its stack, e.g. `Api/SubmitAlert`. */
  name: string;
  /** The asset directory: index.mjs and its source map. */
  dir: string;
  /** The function's environment from the template; references to other resources become placeholders. */
  environment: Record<string, string>;
}

/**
 * Bundles every function of the app exactly as `cdk synth` does (the app's own AmberFunctions, esbuild run
 * by CDK with AMBER_BUNDLING), plus two baselines built the same way: a hello-world and the bare-SDK floor.
 */
export function buildBundles(outdir: string, stage: StageName = 'prod'): BuiltBundle[] {
  rmSync(outdir, { recursive: true, force: true });
  const { app } = createAmberApp({
    // Any well-formed certificate: the bundles do not depend on it, and prod requires one.
    context: { stage, publicCertificateArn: 'arn:aws:acm:eu-central-1:111122223333:certificate/bench' },
    appProps: { outdir, builtinCloudFormationValidation: false },
  });
  const baseline = new Stack(app, 'ColdStartBaseline');
  new AmberFunction(baseline, HELLO_WORLD, {
    entry: path.relative(PROJECT_ROOT, path.join(__dirname, 'hello-world.ts')),
    stage: stageConfig(stage),
  });
  new AmberFunction(baseline, BARE_SDK, {
    entry: path.relative(PROJECT_ROOT, path.join(__dirname, 'bare-sdk.ts')),
    stage: stageConfig(stage),
  });
  const assembly = app.synth();

  return app.node
    .findAll()
    .filter((c): c is AmberFunction => c instanceof AmberFunction)
    .map((fn) => {
      const stack = Stack.of(fn);
      const template = assembly.getStackByName(stack.stackName).template as {
        Resources: Record<string, { Properties: FunctionProperties }>;
      };
      const logicalId = stack.getLogicalId(fn.node.defaultChild as CfnFunction);
      const props = template.Resources[logicalId]?.Properties;
      if (!props) throw new Error(`${fn.node.path}: not in the template`);
      const assetHash = props.Code.S3Key.replace(/\.zip$/, '');
      return {
        name: fn.node.path.slice(stack.node.path.length + 1),
        dir: path.join(outdir, `asset.${assetHash}`),
        environment: Object.fromEntries(
          Object.entries(props.Environment?.Variables ?? {}).map(([key, value]) => [
            key,
            typeof value === 'string' ? value : placeholderFor(key),
          ]),
        ),
      };
    });
}

/**
 * A stand-in for a value the template only references (a table name, a parameter's name), shaped as the
 * function's configuration validates it: an SSM parameter name is a path.
 */
function placeholderFor(key: string): string {
  return key.endsWith('_PARAMETER') ? `/bench/${key.toLowerCase()}` : `bench-${key.toLowerCase()}`;
}

interface FunctionProperties {
  Code: { S3Key: string };
  Environment?: { Variables?: Record<string, unknown> };
}
